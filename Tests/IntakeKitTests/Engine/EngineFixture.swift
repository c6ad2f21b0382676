import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A small dialog exercising every engine mechanism: `when`, branches, piping, a repeat group,
/// a lexicon, checks, computed values and an escalation that interrupts.
enum EngineFixture {
  static let files = InMemoryDialogFiles(
    root: "fixture",
    files: [
      "dialog.yaml": """
      id: fixture
      version: "2"
      title: Fixture
      sections: [main.yaml, off.yaml]
      scoring: scoring.yaml
      rules: rules.yaml
      lexicons: [meds.yaml]
      scales:
        - id: f
          options:
            - { id: a, text: Not at all, score: 0 }
            - { id: b, text: Several days, score: 1 }
            - { id: c, text: Most days, score: 2 }
      """,
      "main.yaml": """
      section: main
      title: Main
      questions:
        - id: name
          kind: text
          label: Name
          text: Your name?
          max_length: 20
        - id: dob
          kind: date
          label: Birth date
          text: "Thanks, {name}. Birth date?"
          next:
            - when: age < 18
              goto: minor
        - id: smokes
          kind: yes_no
          label: Smokes
          text: Do you smoke?
        - id: packs
          kind: integer
          label: Packs a day
          when: smokes == true
          text: How many packs a day?
          min: 0
          max: 10
          invalid: Type a number of packs from 0 to 10.
        - id: mood
          kind: scale
          scale: f
          label: Low mood
          text: Low mood?
        - id: dark
          kind: scale
          scale: f
          label: Dark thoughts
          text: Dark thoughts?
        - id: ride
          kind: choice
          label: Ride
          cite: "plans to get home {ride}"
          text: How will you get home?
          options:
            - { id: driver, text: Someone drives me }
            - { id: self, text: I drive myself, cite: "driving themself" }
          next:
            - when: ride == "self"
              goto: bp
        - id: driver
          kind: text
          label: Driver
          text: Who drives you?
        - id: bp
          kind: blood_pressure
          label: Blood pressure
          text: Last reading?
          checks:
            - require: bp.systolic < 250
              message: Please check that reading with staff.
        - id: meds
          kind: repeat
          label: Medicines
          text: Any medicines?
          another: Another medicine?
          record_label: "{med} {dose}"
          cite: "reports {med}[ at {dose}]"
          max_records: 3
          items:
            - id: med
              kind: text
              label: Medicine
              lexicon: meds
              text: Which medicine?
            - id: dose
              kind: text
              label: Dose
              required: false
              text: "Dose of {med}?"
        - id: note
          kind: text
          label: Note
          required: false
          text: Anything else?
        - id: done
          kind: message
          text: Done.
      """,
      "off.yaml": """
      section: off
      title: Off
      flow: false
      summary: none
      questions:
        - id: crisis
          kind: message
          text: Help is coming.
        - id: minor
          kind: message
          end: true
          text: Adults only.
      """,
      "scoring.yaml": """
      computed:
        - id: age
          label: Age
          value: age(dob)
          summary: header
        - id: total
          label: Total
          value: sum(mood, dark)
        - id: sedatives
          label: Sedatives
          value: count(meds, "sedative" in tags(med))
      instruments:
        - id: two
          title: Two-item
          recall: Last week
          items: [mood, dark]
          total: total
          max: 4
          key_items: [dark]
          bands:
            - { min: 0, max: 1, label: Low }
            - { min: 2, max: 4, label: High }
          attribution: Made up for tests.
      """,
      "rules.yaml": """
      categories:
        - { id: urgent, title: Urgent, rank: 50, outcome: See now. }
        - { id: review, title: Review, rank: 30, outcome: Review first. }
        - { id: note, title: Note, rank: 10, outcome: Notes only. }
      rules:
        - id: dark_high
          category: urgent
          when: dark >= 2
          escalate: { tier: 3, show: crisis, alert: true }
          finding: Dark thoughts most days.
          questions: [Assess risk now.]
        - id: self_drive
          category: review
          when: ride == "self"
          finding: "Plans to drive ({ride})."
          questions: [Confirm an escort.]
        - id: sedative
          category: review
          when: any(meds, "sedative" in tags(med))
          finding: Takes a sedative.
          questions: [Ask the sedative dose., Confirm an escort.]
        - id: smoker
          category: note
          when: smokes == true and packs >= 1
          finding: "Smokes {packs} pack(s) a day."
      """,
      "meds.yaml": """
      id: meds
      concerns:
        - { id: SED, title: adds sedation }
      tags:
        - { id: sedative, title: Sedative, concerns: [SED] }
      entries:
        - { name: lorazepam, aliases: [ativan], tags: [sedative] }
        - { name: sertraline, aliases: [zoloft] }
      """,
    ])

  static func dialog() throws -> Dialog { try DialogLoader.load(files) }

  static func session() throws -> Session { Session(dialog: try dialog(), clock: TestSupport.fixedClock) }
}

extension Session {
  /// Submits and requires success, for brevity in tests.
  mutating func answer(_ input: String) -> String? {
    switch submit(input) {
    case .success: return nil
    case .failure(let rejection): return rejection.message
    }
  }
}

/// Records an issue unless the session accepts `input`.
func accept(_ session: inout Session, _ input: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  let message = session.answer(input)
  #expect(message == nil, sourceLocation: sourceLocation)
}

/// Records an issue unless the session rejects `input` with exactly `expected`.
func reject(
  _ session: inout Session, _ input: String, _ expected: String,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let message = session.answer(input)
  #expect(message == expected, sourceLocation: sourceLocation)
}

func moved(_ result: Bool, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  #expect(result, sourceLocation: sourceLocation)
}

func stayed(_ result: Bool, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  #expect(!result, sourceLocation: sourceLocation)
}
