/// Loads and checks a dialog. This is the only way to get a `Dialog`, so a dialog that loads has
/// passed every static check.
public enum DialogLoader {
  /// Every diagnostic, plus the dialog when there are no errors.
  public struct Outcome: Sendable {
    public var dialog: Dialog?
    public var diagnostics: [Diagnostic]
    /// The reading level of the dialog's patient texts, measured by the author's checks (`all`).
    public var readingLevel: ReadingLevel? = nil

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
  }

  /// Which checks run.
  public enum Checks: Sendable {
    /// Every check: what an author runs.
    case all
    /// Only those that can find an error in what the kiosk uses: the checks that can only warn
    /// (how the texts read, hints the kiosk already gives, the order of yes and no) and the
    /// translations' parity with the dialog (they are read, to be offered) are left out. What a kiosk
    /// runs at start, to refuse a dialog with errors without paying for its author's checks.
    case errorsOnly
  }

  /// With `leftovers`, what was read on the way (the parsed files, the drafts) is put there
  /// instead of being freed: for a command that exits once it has reported. Without
  /// `indexesWalks`, the dialog has no `WalkIndex` (its walks go from the first question, as
  /// for a dialog that cannot be indexed): for a command that reports and walks no session (a
  /// tenth of the checks' work on 10,000 questions).
  public static func check(
    _ files: any DialogFiles, checks: Checks = .all, leftovers: Leftovers? = nil, indexesWalks: Bool = true
  ) -> Outcome {
    let sink = DiagnosticSink()
    var reader = DialogReader(files: files, sink: sink)
    reader.leftovers = leftovers
    let draft = reader.read()
    // Each translation file parsed once, for the parity check and for the kiosk.
    let paths = draft.translations?.translations ?? []
    let roots = paths.map { path -> YAMLValue? in
      guard let (root, diagnostics) = reader.prefetched(path.value) else {
        return TranslationParity.parse(path, files: files, sink: sink)
      }
      diagnostics.forEach(sink.report)
      return root
    }
    if checks == .all, var translations = draft.translations {
      translations.known = TranslationParity.Known(
        instruments: Set(draft.instruments.map(\.id)),
        lexicons: draft.lexicons.mapValues { Set($0.entries.map(\.name)) })
      TranslationParity(sink: sink).check(translations, roots: roots, sourceLanguage: draft.language)
    }
    var dialog: Dialog?
    var readingLevel: ReadingLevel?
    if !draft.sections.isEmpty || !sink.hasErrors {
      let checked = DialogChecker(
        draft: draft, references: reader.references, escalationTargets: reader.escalationTargets, sink: sink,
        advises: checks == .all, indexesWalks: indexesWalks
      ).check()
      dialog = checked.dialog
      readingLevel = checked.readingLevel
    }
    // What the kiosk offers: each translation read (whether it matches the dialog is the parity
    // check's to say, above), and the names typed in each added to the lexicons.
    if !paths.isEmpty, var read = dialog {
      // With every check, the parity check has reported the files' problems already.
      let reported = checks == .all ? DiagnosticSink() : sink
      read.translations = zip(paths, roots).compactMap { path, root in
        root.flatMap { TranslationReader(sink: reported).read(path, root: $0) }
      }
      dialog = read.addingLexiconAliases(of: read.translations)
    }
    if let offered = dialog.map(Conversation.languages(of:)) { dialog?.offeredLanguages = offered }
    leftovers?.keep([reader, draft, roots] as [Any])
    return Outcome(dialog: sink.hasErrors ? nil : dialog, diagnostics: sink.sorted, readingLevel: readingLevel)
  }

  /// The file in a dialog's folder that names everything else (`dialog.yaml`).
  public static let manifestFile = DialogReader.manifestFile

  /// The dialog, or a `DialogLoadError` holding every diagnostic when any is an error.
  public static func load(_ files: any DialogFiles) throws(DialogLoadError) -> Dialog {
    let outcome = check(files)
    guard let dialog = outcome.dialog else { throw DialogLoadError(diagnostics: outcome.diagnostics) }
    return dialog
  }
}
