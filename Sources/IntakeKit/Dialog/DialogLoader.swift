/// Loads and checks a dialog. This is the only way to get a `Dialog`, so a dialog that loads has
/// passed every static check.
public enum DialogLoader {
  /// Every diagnostic, plus the dialog when there are no errors.
  public struct Outcome: Sendable {
    public var dialog: Dialog?
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
  }

  public static func check(_ files: any DialogFiles) -> Outcome {
    let sink = DiagnosticSink()
    let reader = DialogReader(files: files, sink: sink)
    let draft = reader.read()
    var dialog: Dialog?
    if !draft.sections.isEmpty || !sink.hasErrors {
      let checked = DialogChecker(
        draft: draft, references: reader.references, escalationTargets: reader.escalationTargets, sink: sink
      ).check()
      dialog = checked
    }
    return Outcome(dialog: sink.hasErrors ? nil : dialog, diagnostics: sink.sorted)
  }

  /// The dialog, or a `DialogLoadError` holding every diagnostic when any is an error.
  public static func load(_ files: any DialogFiles) throws(DialogLoadError) -> Dialog {
    let outcome = check(files)
    guard let dialog = outcome.dialog else { throw DialogLoadError(diagnostics: outcome.diagnostics) }
    return dialog
  }
}
