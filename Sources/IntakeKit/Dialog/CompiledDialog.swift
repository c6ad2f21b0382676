import Dispatch

/// A checked dialog saved as bytes (`CompiledForm`), so a start that finds the same dialog files can
/// skip reading and checking their YAML (two thirds of a kiosk's start). Only an outcome with a
/// dialog is saved: a dialog with errors is read and reported in full every time.
///
/// The bytes are this build's: `CompiledDialogCache` keys its entries by build.
///
/// The translations come first, in a block of their own, and are read on a second core while the
/// rest is read on this one: reading the dialog is what a kiosk's first screen waits for, and the
/// translations are a third of it.
public enum CompiledDialog {
  /// The bytes of `outcome`: its dialog and the diagnostics its check gave (warnings only); nil
  /// when it has no dialog.
  public static func bytes(of outcome: DialogLoader.Outcome) -> [UInt8]? {
    guard var dialog = outcome.dialog else { return nil }
    let writer = CompiledWriter()
    writer.block(TranslationsBlock(language: dialog.language, translations: dialog.translations))
    dialog.translations = []
    writer.write(dialog)
    writer.write(outcome.diagnostics)
    return writer.bytes
  }

  /// The outcome saved in `bytes`.
  public static func outcome(from bytes: [UInt8]) throws(CompiledFormError) -> DialogLoader.Outcome {
    let reader = CompiledReader(bytes)
    let halves = Halves(translations: try reader.block(), rest: reader)
    // The first iteration runs on this thread at once; the second waits for a worker, which may
    // wait for a core: so this thread takes the larger half.
    DispatchQueue.concurrentPerform(iterations: 2) { half in
      if half == 0 { halves.readRest() } else { halves.readTranslations() }
    }
    var dialog = try halves.dialog.get()
    let (translations, offered) = try halves.translations.get()
    dialog.translations = translations
    dialog.offeredLanguages = offered
    let diagnostics = try halves.diagnostics.get()
    guard reader.isAtEnd else { throw CompiledFormError("bytes left after the dialog") }
    return DialogLoader.Outcome(dialog: dialog, diagnostics: diagnostics)
  }
}

/// The two halves of a compiled dialog, each read by one core and read back after
/// `concurrentPerform` returns.
private final class Halves: @unchecked Sendable {
  private let translationsReader: CompiledReader
  private let restReader: CompiledReader
  // Each written by one half only, and read after both are done.
  var translations: Result<([Translation], [Conversation.OfferedLanguage]), CompiledFormError> = .failure(
    CompiledFormError("not read"))
  var dialog: Result<Dialog, CompiledFormError> = .failure(CompiledFormError("not read"))
  var diagnostics: Result<[Diagnostic], CompiledFormError> = .failure(CompiledFormError("not read"))

  init(translations: CompiledReader, rest: CompiledReader) {
    translationsReader = translations
    restReader = rest
  }

  /// The translations and the languages they offer: worked out here, on the core that reads
  /// them, not saved (`Dialog.offeredLanguages`).
  func readTranslations() {
    translations = Result { () throws(CompiledFormError) in
      let block = try translationsReader.read(TranslationsBlock.self)
      guard translationsReader.isAtEnd else { throw CompiledFormError("bytes left after the translations") }
      return (block.translations, Conversation.languages(of: block.translations, besides: block.language))
    }
  }

  func readRest() {
    dialog = Result { () throws(CompiledFormError) in try restReader.read(Dialog.self) }
    if case .success = dialog {
      diagnostics = Result { () throws(CompiledFormError) in try restReader.read([Diagnostic].self) }
    }
  }
}

/// A dialog's translations as saved apart, with the dialog's own language (the first of the
/// languages it offers).
private struct TranslationsBlock: CompiledForm {
  var language: String
  var translations: [Translation]

  init(language: String, translations: [Translation]) {
    self.language = language
    self.translations = translations
  }

  func write(to writer: CompiledWriter) {
    writer.write(language)
    writer.write(translations)
  }

  init(from reader: CompiledReader) throws(CompiledFormError) {
    language = try reader.read()
    translations = try reader.read()
  }
}
