import IntakeTestSupport
import Testing

@testable import IntakeKit

@Suite struct LexiconMatcherTests {
  @Test(arguments: [
    ("Suboxone", "buprenorphine-naloxone"), ("buprenorphine-naloxone", "buprenorphine-naloxone"),
    ("buprenorphine", "buprenorphine"), ("Lamictal XR 200 mg", "lamotrigine"), ("lorazapam", "lorazepam"),
    ("ADDERAL", "amphetamine salts"), ("st johns wort", "st john's wort"),
  ])
  func matches(typed: String, entry: String) throws {
    let lexicon = try #require(try TestSupport.shippedDialog().lexicons["medications"])
    #expect(LexiconMatcher(lexicon: lexicon).match(typed)?.entry.name == entry)
  }

  @Test func unknownNamesAndShortTyposAreNotGuessed() throws {
    let lexicon = try #require(try TestSupport.shippedDialog().lexicons["medications"])
    #expect(LexiconMatcher(lexicon: lexicon).match("Zzyzx") == nil)
    #expect(LexiconMatcher(lexicon: lexicon).match("lit") == nil)
  }

  /// A typed name is cut into words from its bytes when it is ASCII: on every mix of printable
  /// ASCII, line breaks and digits, the words are those `Character` gives.
  @Test func asciiNamesAreCutAsCharactersAre() {
    var random = SplitMix(seed: 16)
    let bytes = Array(0x20...0x7E).map(UInt8.init) + [0x09, 0x0A, 0x0D]
    var differing: [String] = []
    for _ in 0..<20_000 {
      let count = Int.random(in: 0...14, using: &random)
      let text = String(decoding: (0..<count).map { _ in bytes.randomElement(using: &random) ?? 0x20 }, as: UTF8.self)
      let lowered = text.foldedForMatching()
      if LexiconMatcher.normalizedASCII(lowered) != LexiconMatcher.normalizedByCharacter(lowered) {
        differing.append(text.debugDescription)
      }
    }
    #expect(differing.isEmpty, "\(differing.prefix(10))")
    #expect(LexiconMatcher.normalize("Lamictal XR, 200 mg") == "lamictal xr")
    #expect(LexiconMatcher.normalize("  St. John's Wort ") == "st john s wort")
    #expect(LexiconMatcher.normalize("Bupropión 150") == "bupropion")
  }
}
