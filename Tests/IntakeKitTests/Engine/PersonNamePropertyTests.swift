import Foundation
import PropertyBased
import Testing

@testable import IntakeKit

/// Properties of `PersonName` over generated names and lines: the name it reads is made of what
/// was typed, and a name written in the usual ways around a relationship reads back as that
/// name and that relationship.
@Suite struct PersonNamePropertyTests {
  /// Words that mean something to the reader, so a generated name never uses them.
  static let reserved: Set<String> = PersonName.relationships.union(PersonName.connectors)
    .union(PersonName.leadIns.flatMap { $0 }).union(["my", "our", "friend"])

  /// A name of one to three capitalised words of letters ("Ana", "Luis Rivera").
  static var names: Generator<String, some SendableSequenceType> {
    Gen.lowercaseLetter.string(of: 1...9).array(of: 1...3).compactMap { words in
      guard words.allSatisfy({ !reserved.contains($0) }) else { return nil }
      return words.map(\.capitalized).joined(separator: " ")
    }
  }

  /// Relationships as patients write them, "best friend" included.
  static let relationships = PersonName.relationships.sorted() + ["best friend"]

  /// Whatever is typed, the name read is words the patient typed, with a letter in it, and a
  /// relationship is one the reader knows: the kiosk never says back a name nobody wrote. (The
  /// text is trimmed first, as a text question keeps it.)
  @Test func theNameIsMadeOfWhatWasTyped() async {
    await propertyCheck(count: 300, input: TypedLines.any()) { typed in
      let line = typed.trimmingCharacters(in: .whitespacesAndNewlines)
      let read = PersonName.read(line)
      if let name = read.name {
        #expect(name.contains { $0.isLetter }, "\(line.debugDescription) → \(name.debugDescription)")
        // Word by word, in scalars: the name's words are joined by a space whatever separated them.
        let typed = Array(line.unicodeScalars)
        for word in name.unicodeScalars.split(separator: " ").map(Array.init) {
          #expect(typed.indices.contains { typed[$0...].starts(with: word) }, "\(line.debugDescription) → \(name)")
        }
      }
      if let relationship = read.relationship {
        #expect(Self.relationships.contains(relationship), "\(relationship)")
      }
      #expect((read.spoken != nil) == (read.name != nil || read.relationship != nil))
    }
  }

  /// A name with a relationship before or after it reads back as the name and the relationship,
  /// so later questions say "Luis Rivera" and the summary says "husband".
  @Test func aNameAndARelationshipReadBack() async {
    let input = zip(Self.names, Gen.int(in: 0...(Self.relationships.count - 1)), Gen.int(in: 0...8))
    await propertyCheck(count: 400, input: input) { name, index, form in
      let relationship = Self.relationships[index]
      let (line, expected): (String, PersonName)
      switch form {
      case 0: (line, expected) = (name, PersonName(name: name, relationship: nil))
      case 1: (line, expected) = ("my name is \(name)", PersonName(name: name, relationship: nil))
      case 2: (line, expected) = ("my \(relationship) \(name)", PersonName(name: name, relationship: relationship))
      case 3: (line, expected) = ("My \(relationship) is \(name)", PersonName(name: name, relationship: relationship))
      case 4: (line, expected) = ("my \(relationship) - \(name)", PersonName(name: name, relationship: relationship))
      case 5: (line, expected) = ("\(name), my \(relationship)", PersonName(name: name, relationship: relationship))
      case 6: (line, expected) = ("\(name) (my \(relationship))", PersonName(name: name, relationship: relationship))
      case 7: (line, expected) = ("my \(relationship)", PersonName(name: nil, relationship: relationship))
      default: (line, expected) = ("my \(relationship), \(name).", PersonName(name: name, relationship: relationship))
      }
      #expect(PersonName.read(line) == expected, "\(line)")
      #expect(PersonName.read(line).spoken == (expected.name ?? "your \(relationship)"), "\(line)")
    }
  }

  /// "Sam, my best friend" was the name "Sam, my best friend" (said back as such), though "my
  /// best friend Sam" was Sam; and "Best" alone was the relationship "best" ("your best").
  @Test func bestFriendAfterTheNameAndBestAlone() {
    #expect(PersonName.read("Sam, my best friend") == PersonName(name: "Sam", relationship: "best friend"))
    #expect(PersonName.read("my best friend Sam") == PersonName(name: "Sam", relationship: "best friend"))
    #expect(PersonName.read("Best") == PersonName(name: "Best", relationship: nil))
    #expect(PersonName.read("Luis Rivera, my husband") == PersonName(name: "Luis Rivera", relationship: "husband"))
  }
}
