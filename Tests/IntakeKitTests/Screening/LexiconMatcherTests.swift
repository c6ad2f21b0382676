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
}
