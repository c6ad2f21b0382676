/// A checked dialog saved as bytes (`CompiledForm`), so a start that finds the same dialog files can
/// skip reading and checking their YAML (two thirds of a kiosk's start). Only an outcome with a
/// dialog is saved: a dialog with errors is read and reported in full every time.
///
/// The bytes are this build's: `CompiledDialogCache` keys its entries by build.
public enum CompiledDialog {
  /// The bytes of `outcome`: its dialog and the diagnostics its check gave (warnings only); nil
  /// when it has no dialog.
  public static func bytes(of outcome: DialogLoader.Outcome) -> [UInt8]? {
    guard let dialog = outcome.dialog else { return nil }
    let writer = CompiledWriter()
    writer.write(dialog)
    writer.write(outcome.diagnostics)
    return writer.bytes
  }

  /// The outcome saved in `bytes`.
  public static func outcome(from bytes: [UInt8]) throws(CompiledFormError) -> DialogLoader.Outcome {
    let reader = CompiledReader(bytes)
    var dialog = try reader.read(Dialog.self)
    // Worked out here, on the core that reads the dialog, not saved (`Dialog.offeredLanguages`).
    dialog.offeredLanguages = Conversation.languages(of: dialog)
    let diagnostics = try reader.read([Diagnostic].self)
    guard reader.isAtEnd else { throw CompiledFormError("bytes left after the dialog") }
    return DialogLoader.Outcome(dialog: dialog, diagnostics: diagnostics)
  }
}
