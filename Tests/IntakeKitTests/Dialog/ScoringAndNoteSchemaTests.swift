import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The note's `birth_sex` may only code options the sex question has (the keys of every file are
/// held to their schemas by `SchemaAgreementTests`).
@Suite struct ScoringAndNoteSchemaTests {
  static func schema(_ name: String) throws -> [String: Any] {
    let url = TestSupport.repositoryRoot.appendingPathComponent("Dialogs/schema/\(name)")
    return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  static func properties(_ object: [String: Any]?) throws -> Set<String> {
    Set(try #require(object?["properties"] as? [String: Any]).keys)
  }

  static let sexQuestion = """
    section: main
    title: Main
    questions:
      - id: sex
        kind: choice
        text: What sex were you assigned at birth?
        options: [{ id: female, text: Female }, { id: male, text: Male }]
    """

  @Test func birthSexCodesOnlyOptionsOfTheSexQuestion() {
    let manifest = CheckerFixture.manifest + "\nnote: note.yaml"
    let good = CheckerFixture.check(
      Self.sexQuestion,
      files: ["note.yaml": "identity: { sex: sex }\nbirth_sex: { extension: \"http://x/e\", codes: { female: F } }"],
      manifest: manifest)
    #expect(good.diagnostics.filter { $0.severity == .error }.isEmpty, "\(good.diagnostics)")
    #expect(good.dialog?.note.birthSex?.codes == ["female": "F"])
    let bad = CheckerFixture.printed(
      Self.sexQuestion,
      files: ["note.yaml": "identity: { sex: sex }\nbirth_sex: { extension: \"http://x/e\", codes: { woman: F } }"],
      manifest: manifest)
    #expect(bad.contains { $0.contains("IK203") && $0.contains("'birth_sex' codes 'woman'") }, "\(bad)")
  }

  @Test func anInstrumentCodeIsRead() throws {
    let dialog = try TestSupport.shippedDialog()
    let phq9 = try #require(dialog.instruments.first { $0.id == "phq9" })
    #expect(phq9.code == Coding(system: "http://loinc.org", code: "44261-6", display: phq9.code?.display))
    #expect(dialog.instruments.first { $0.id == "gad2" }?.code == nil)
  }
}
