import IntakeStore
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A command about to exit hands what it read to `Leftovers` instead of freeing it; what it
/// reports is the same.
@Suite struct LeftoversTests {
  @Test func aCheckKeepsWhatItReadAndReportsTheSame() throws {
    let files = DialogDirectory(path: TestSupport.shippedDialogPath)
    let leftovers = Leftovers()
    let kept = DialogLoader.check(files, leftovers: leftovers)
    let freed = DialogLoader.check(files)
    // The files' parsed YAML, and the reader with the drafts.
    #expect(leftovers.count == 2)
    #expect(kept.diagnostics.map(\.description) == freed.diagnostics.map(\.description))
    let dialog = try #require(kept.dialog)
    #expect(dialog.flow == freed.dialog?.flow)
    #expect(dialog.questions.keys.sorted() == freed.dialog?.questions.keys.sorted())
  }
}
