import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The phone number at the end of a line, read by hand, is what the regular expression it
/// replaced matched.
@Suite struct PhoneAtEndTests {
  static let pattern = #"\+?[0-9][0-9 ().-]{5,}[0-9]$"#

  @Test func itMatchesWhatTheRegularExpressionMatched() {
    let alphabet: [Character] = ["0", "5", "9", "1", " ", "(", ")", ".", "-", "+", "a", "Z", ",", "é", "٣", "/"]
    var random = SplitMix(seed: 555)
    var lines = [
      "Dana Haddad, 555 201 9090", "Sam +1 (555) 201-9090", "+(555) 123-4567", "555", "1234567", "x +123456",
    ]
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...18, using: &random)
      lines.append(String((0..<length).map { _ in alphabet.randomElement(using: &random) ?? "0" }))
    }
    for line in lines {
      let expected = line.range(of: Self.pattern, options: .regularExpression).map { String(line[$0]) }
      #expect(Session.phoneAtEnd(line).map { String(line[$0]) } == expected, "\(line.debugDescription)")
    }
  }

  @Test func aNameThenAPhoneIsSplit() throws {
    let (name, phone) = try #require(Session.nameThenPhone("my sister Dana Haddad, +1 555 201 9090."))
    #expect(name == "my sister Dana Haddad")
    #expect(phone == "+1 555 201 9090")
    #expect(Session.nameThenPhone("Dana 555 12") == nil)
  }

  /// A name, then words that are not who the person is: the name alone is the answer (a trial
  /// patient's "sam, idk his number by heart its in my phone" was the escort's name, and was
  /// piped as it: "What is sam, idk his number ...'s phone number?").
  @Test func aNameThenOtherWordsIsSplit() throws {
    let (name, aside) = try #require(
      Session.nameThenAside("sam, idk his number by heart its in my phone", phrasebook: .none))
    #expect(name == "sam")
    #expect(aside == "idk his number by heart its in my phone")
    #expect(Session.nameThenAside("my sister Ana; she lives close by.", phrasebook: .none)?.0 == "my sister Ana")
    // Who the person is, after the name, is the name's to read.
    #expect(Session.nameThenAside("Luis Rivera, my husband", phrasebook: .none) == nil)
    #expect(Session.nameThenAside("Dana, she is my sister", phrasebook: .none) == nil)
    // Too few words after, or no name before.
    #expect(Session.nameThenAside("Sam, probably", phrasebook: .none) == nil)
    #expect(Session.nameThenAside("idk who yet but someone from work, i will ask", phrasebook: .none) == nil)
  }
}
