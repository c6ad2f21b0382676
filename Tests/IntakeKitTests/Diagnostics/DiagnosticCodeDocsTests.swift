import Foundation
import IntakeKit
import IntakeTestSupport
import Testing

/// The authors' guide lists every diagnostic code the checker can report, and no other.
@Suite struct DiagnosticCodeDocsTests {
  @Test func theAuthorsGuideListsEveryCode() throws {
    let guide = try String(
      contentsOf: TestSupport.repositoryRoot.appendingPathComponent("Dialogs/README.md"), encoding: .utf8)
    let listed = Set(
      guide.split(separator: "\n").filter { $0.hasPrefix("| IK") }.map {
        $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)
      })
    #expect(listed == Set(DiagnosticCode.allCases.map(\.rawValue)))
  }
}
