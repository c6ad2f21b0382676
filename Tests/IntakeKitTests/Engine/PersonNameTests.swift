import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Names as patients type them, and what the kiosk says back: never in the patient's voice.
@Suite struct PersonNameTests {
  @Test(
    arguments: [
      ("Luis Rivera", "Luis Rivera", nil), ("my husband Luis Rivera", "Luis Rivera", "husband"),
      ("My husband, Luis", "Luis", "husband"), ("my wife Carol", "Carol", "wife"), ("wife - Carol", "Carol", "wife"),
      ("my sister", nil, "sister"), ("Luis Rivera, my husband", "Luis Rivera", "husband"),
      ("my best friend Sam", "Sam", "best friend"), ("my name is Ana", "Ana", nil), ("I'm Ana", "Ana", nil),
      ("Zoë", "Zoë", nil), ("Mary-Jane O'Neil", "Mary-Jane O'Neil", nil), ("my mom", nil, "mom"),
      ("my friend named Sam Lee", "Sam Lee", "friend"),
      ("mark whitfield (husband)", "mark whitfield", "husband"), ("Luis Rivera, husband", "Luis Rivera", "husband"),
      ("Dana Haddad (best friend)", "Dana Haddad", "best friend"), ("Dana - sister", "Dana", "sister"),
      ("John Friend", "John Friend", nil), ("Tom (Tommy) Lee", "Tom (Tommy) Lee", nil),
      // Punctuation past U+FFFF (Adlam's) stays, as Foundation's trimming on Linux left it.
      ("Awa Diallo, sister\u{1E95E}", "Awa Diallo, sister\u{1E95E}", nil),
    ] as [(String, String?, String?)])
  func read(_ typed: String, _ name: String?, _ relationship: String?) {
    #expect(PersonName.read(typed) == PersonName(name: name, relationship: relationship))
  }

  static func dialog() throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: driver, kind: text, person_name: true, pipe_as: the adult who takes you home, text: Who drives you? }
          - { id: phone, kind: text, text: "What is {driver}'s phone number?" }
          - { id: plan, kind: text, pipe_as: that plan, text: What is your plan? }
          - { id: check, kind: text, text: "Is {plan} arranged?" }
        """,
      ]))
  }

  @Test func theKioskNeverSpeaksInThePatientsVoice() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    #expect(patient.type("my husband Luis Rivera").contains("What is Luis Rivera's phone number?"))
    patient.type("back", "my sister")
    #expect(patient.transcript.last?.contains("What is your sister's phone number?") == true)
    patient.type("555 111 2222")
    #expect(patient.type("my cousin drives me to the bus").contains("Is that plan arranged?"))
    // The patient's words are the answer; the summary shows the name read from them beside.
    let formatter = AnswerFormatter(dialog: patient.session.dialog)
    #expect(
      formatter.display(.text("my husband Luis Rivera"), for: "driver")
        == "Luis Rivera (husband) — typed: \"my husband Luis Rivera\"")
    #expect(formatter.display(.text("Luis Rivera"), for: "driver") == "Luis Rivera")
  }

  /// A trial patient typed "mark whitfield (husband)" and was asked "Who is mark whitfield
  /// (husband to you?": the relationship set apart at the end is read as one, and its bracket
  /// never cut in two.
  @Test func aRelationshipInBracketsAfterTheNameIsNotSpokenAsPartOfIt() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    let shown = patient.type("mark whitfield (husband)")
    #expect(shown.contains("What is mark whitfield's phone number?"))
    #expect(!shown.contains("(husband"))
  }
}
