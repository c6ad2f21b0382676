import Testing

@testable import IntakeCommandLine

/// Which command lines start reading a kiosk's dialog before they are parsed.
@Suite struct EarlyDialogReadTests {
  @Test func aKiosksCommandLineNamesItsDialog() {
    let shipped = DialogDiagnostics.defaultDialog
    #expect(EarlyDialogRead.kioskDialog(in: []) == shipped)
    #expect(EarlyDialogRead.kioskDialog(in: ["kiosk", "--once"]) == shipped)
    #expect(EarlyDialogRead.kioskDialog(in: ["--data", "d"]) == shipped)
    #expect(EarlyDialogRead.kioskDialog(in: ["kiosk", "--dialog", "x", "--data", "d"]) == "x")
    #expect(EarlyDialogRead.kioskDialog(in: ["--dialog=y"]) == "y")
  }

  @Test func otherCommandsAndHelpStartNothing() {
    #expect(EarlyDialogRead.kioskDialog(in: ["check", "--dialog", "x"]) == nil)
    #expect(EarlyDialogRead.kioskDialog(in: ["test"]) == nil)
    #expect(EarlyDialogRead.kioskDialog(in: ["kiosk", "--help"]) == nil)
    #expect(EarlyDialogRead.kioskDialog(in: ["--version"]) == nil)
    #expect(EarlyDialogRead.kioskDialog(in: ["help", "kiosk"]) == nil)
  }

  /// A reading is taken once, and only for the folder it was started for.
  @Test func aReadingIsTakenOnceForItsOwnFolder() throws {
    EarlyDialogRead.begin("/nonexistent-dialog-folder")
    #expect(EarlyDialogRead.take(for: "elsewhere") == nil)
    EarlyDialogRead.begin("/nonexistent-dialog-folder")
    let reading = try #require(EarlyDialogRead.take(for: "/nonexistent-dialog-folder"))
    #expect(EarlyDialogRead.take(for: "/nonexistent-dialog-folder") == nil)
    #expect(throws: CommandFailure.self) { try reading.value() }
  }
}
