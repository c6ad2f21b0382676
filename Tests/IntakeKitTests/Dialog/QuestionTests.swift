import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A question's fields are held by reference and copied on write: a change to one copy is never
/// seen through another, or in the dialog it was read from.
@Suite struct QuestionTests {
  @Test func aChangedCopyLeavesTheOriginalAsItWas() throws {
    let dialog = try TestSupport.shippedDialog()
    let id = try #require(dialog.flow.first)
    let original = try #require(dialog.questions[id])
    var copy = original
    copy.label = "Changed"
    copy.checks.append(
      Check(condition: try #require(copy.when ?? dialog.questions.values.compactMap(\.when).first), message: "m"))
    copy.kind = .yesNo
    #expect(copy.label == "Changed")
    #expect(copy.kind.isYesNo)
    #expect(original.label != "Changed")
    #expect(original.checks.count == copy.checks.count - 1)
    #expect(dialog.questions[id]?.label == original.label)
    #expect(dialog.questions[id]?.checks.count == original.checks.count)
  }

  @Test func aChangeInPlaceInTheDialogIsKept() throws {
    var dialog = try TestSupport.shippedDialog()
    let before = dialog
    let id = try #require(dialog.flow.first)
    dialog.questions[id]?.help = "New help"
    #expect(dialog.questions[id]?.help == "New help")
    #expect(before.questions[id]?.help != "New help")
  }
}
