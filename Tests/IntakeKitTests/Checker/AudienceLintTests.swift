import IntakeStore
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Audiences as the checker sees them: a question names one the manifest declares (IK105, with a
/// did-you-mean), its condition is typed, and a question that uses an audience's words names it
/// (IK404). Whether it is ever shown outside it is path analysis's (`AudienceProofTests`).
@Suite struct AudienceLintTests {
  static let manifest = """
    id: d
    version: "1"
    title: D
    sections: [m.yaml]
    audiences:
      - id: can_be_pregnant
        when: sex != "male"
        words: [pregnan*, breastfeeding]

    """

  static func diagnostics(
    _ questions: String, manifest: String = manifest, checks: DialogLoader.Checks = .all
  ) -> [Diagnostic] {
    DialogLoader.check(
      InMemoryDialogFiles(files: [
        "dialog.yaml": manifest,
        "m.yaml": """
        section: m
        title: M
        questions:
          - id: sex
            kind: choice
            text: Sex at birth?
            options:
              - { id: female, text: "Female" }
              - { id: male, text: "Male" }

        """ + questions,
      ]),
      checks: checks
    ).diagnostics
  }

  /// The kiosk's start still refuses an audience nobody declared, but does not read every text
  /// for an audience's words: that warning is advice for the author.
  @Test func theKiosksCheckKeepsTheErrorAndLeavesTheAdvice() {
    let questions = """
        - id: pregnant
          kind: yes_no
          audience: can_be_pregnat
          text: Are you pregnant?
        - id: feeding
          kind: yes_no
          text: Are you breastfeeding?

      """
    #expect(Self.diagnostics(questions).map(\.code).contains(.audienceUndeclared))
    let kiosk = Self.diagnostics(questions, checks: .errorsOnly)
    #expect(kiosk.map(\.code).contains(.unknownReference))
    #expect(!kiosk.map(\.code).contains(.audienceUndeclared))
  }

  @Test func anUnknownAudienceIsNamedWithTheNearestOne() throws {
    let found = Self.diagnostics(
      """
        - id: pregnant
          kind: yes_no
          when: sex != "male"
          audience: can_be_pregnat
          text: Are you pregnant?

      """)
    let unknown = try #require(found.first { $0.code == .unknownReference })
    #expect(unknown.severity == .error)
    #expect(unknown.location.line == 13)
    #expect(unknown.message.contains("did you mean 'can_be_pregnant'?"))
  }

  @Test func aQuestionThatUsesAnAudiencesWordsMustNameIt() throws {
    let found = Self.diagnostics(
      """
        - id: pregnant
          kind: yes_no
          text: Are you pregnant?
        - id: feeding
          kind: choice
          text: Which applies?
          options:
            - { id: one, text: "I am breastfeeding" }
            - { id: two, text: "Neither" }
        - id: named
          kind: yes_no
          when: sex != "male"
          audience: can_be_pregnant
          text: Could you become pregnant?
        - id: plain
          kind: yes_no
          text: Do you have a ride home?

      """
    ).filter { $0.code == .audienceUndeclared }
    #expect(found.map(\.location.line) == [10, 13])
    #expect(found.allSatisfy { $0.severity == .warning })
    #expect(found.first?.message.contains("add 'audience: can_be_pregnant'") == true)
  }

  @Test func anAudiencesConditionIsTypeChecked() {
    let manifest = Self.manifest.replacingOccurrences(of: "when: sex != \"male\"", with: "when: sex == 5")
    #expect(Self.diagnostics("", manifest: manifest).contains { $0.code == .typeMismatch })
  }

  /// The shipped dialog names the audience wherever it speaks of pregnancy.
  @Test func theShippedDialogNamesItsAudiences() throws {
    let outcome = DialogLoader.check(DialogDirectory(path: TestSupport.shippedDialogPath))
    #expect(outcome.diagnostics.filter { $0.code == .audienceUndeclared }.isEmpty)
    let dialog = try #require(outcome.dialog)
    #expect(!dialog.audiences.isEmpty)
  }
}
