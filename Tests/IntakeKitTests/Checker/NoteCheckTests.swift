import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The note's parts an author writes (issue 13): `note.yaml` (identity, glance, words), a
/// question's `denies`, a rule's `replaces` and `{cited}`; each mistake is an error at its place.
@Suite struct NoteCheckTests {
  static let manifest = """
    id: fixture
    version: "1"
    title: Fixture
    sections: [main.yaml]
    rules: rules.yaml
    note: note.yaml
    """

  static let questions = """
    section: main
    title: Main
    questions:
      - id: first_name
        kind: text
        text: Your first name?
      - id: smoke
        kind: yes_no
        denies: [no]
        text: Do you smoke?
      - id: pets
        kind: multiple_choice
        denies: [none]
        text: Which pets?
        options:
          - { id: cat, text: Cat }
          - { id: none, text: None of these, exclusive: true }
    """

  static let rules = """
    categories:
      - { id: info, title: Info, rank: 1, outcome: Notes. }
    rules:
      - id: smokes
        category: info
        when: smoke == true
        finding: "{cited}: smokes."
      - id: cat_and_smoke
        category: info
        when: smoke == true and "cat" in pets
        replaces: [smokes]
        finding: Smokes with a cat.
    """

  static func printed(note: String, questions: String = questions, rules: String = rules) -> [String] {
    CheckerFixture.check(
      questions, files: ["rules.yaml": rules, "note.yaml": note], manifest: Self.manifest
    ).diagnostics.filter { $0.severity == .error }.map(\.description)
  }

  @Test func aWellFormedNoteChecksAndItsWordsAreRead() throws {
    let note = """
      identity: { given_name: first_name }
      glance: [smoke]
      words: { history: Background, denies: Says no to }
      """
    #expect(Self.printed(note: note) == [])
    let outcome = CheckerFixture.check(
      Self.questions, files: ["rules.yaml": Self.rules, "note.yaml": note], manifest: Self.manifest)
    let dialog = try #require(outcome.dialog)
    #expect(dialog.note.word(.history) == "Background")
    #expect(dialog.note.word(.denies) == "Says no to")
    #expect(dialog.note.identity[.givenName] == "first_name")
    #expect(dialog.questions["smoke"]?.denies == ["no"])
    #expect(dialog.rules.first { $0.id == "cat_and_smoke" }?.replaces == ["smokes"])
  }

  @Test func aNoteNamingNoAnswerOrAnUnknownWordIsAnError() {
    let printed = Self.printed(note: "identity: { given_name: frist_name }\nglance: [smoke]\nwords: { histroy: B }")
    #expect(
      printed.contains { $0.hasPrefix("d/note.yaml:1:25: error: [IK105] the note names 'frist_name'") }, "\(printed)")
    #expect(printed.contains { $0.contains("note.yaml:3:10: error: [IK101]") && $0.contains("histroy") }, "\(printed)")
  }

  @Test func deniesNamesOneOfTheQuestionsAnswers() {
    let wrong = Self.questions.replacingOccurrences(of: "denies: [none]", with: "denies: [nothing]")
    let printed = Self.printed(note: "glance: []", questions: wrong)
    #expect(
      printed == [
        "d/main.yaml:13:14: error: [IK105] 'denies' of 'pets' names 'nothing', which is not one of its answers (cat, none)"
      ], "\(printed)")
    let onText = Self.questions.replacingOccurrences(
      of: "kind: text\n    text: Your first name?", with: "kind: text\n    denies: [no]\n    text: Your first name?")
    #expect(
      Self.printed(note: "glance: []", questions: onText).contains { $0.contains("[IK201] 'denies' is for yes/no") })
  }

  @Test func replacesNamesARuleThatIsNoEscalation() {
    let unknown = Self.rules.replacingOccurrences(of: "replaces: [smokes]", with: "replaces: [smoker]")
    #expect(
      Self.printed(note: "glance: []", rules: unknown).contains {
        $0.contains("[IK105] rule 'cat_and_smoke' replaces 'smoker', which is no rule; did you mean 'smokes'?")
      })
    let itself = Self.rules.replacingOccurrences(of: "replaces: [smokes]", with: "replaces: [cat_and_smoke]")
    #expect(
      Self.printed(note: "glance: []", rules: itself).contains {
        $0.contains("[IK106] rule 'cat_and_smoke' cannot replace")
      })
  }

  /// The note's words are listed twice: by `NoteWord` and by the note schema editors use.
  @Test func theSchemaListsExactlyTheNotesWords() throws {
    let url = TestSupport.repositoryRoot.appendingPathComponent("Dialogs/schema/note.schema.json")
    let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let properties = try #require(schema["properties"] as? [String: Any])
    let words = try #require((properties["words"] as? [String: Any])?["properties"] as? [String: Any])
    #expect(Set(words.keys) == Set(NoteWord.allCases.map(\.rawValue)))
    let identity = try #require((properties["identity"] as? [String: Any])?["properties"] as? [String: Any])
    #expect(Set(identity.keys) == Set(IdentityField.allCases.map(\.rawValue)))
  }
}
