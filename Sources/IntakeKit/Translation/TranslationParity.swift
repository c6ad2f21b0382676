/// The parity check of a dialog's translations (issue 18): every text a patient sees has a
/// translation in every declared language, its placeholders are the same, the options and checks
/// are the same, nothing is left in the dialog's own language, and nothing is translated that
/// the dialog does not have. Positions are given in both files.
///
/// It works on the files as written (their YAML, with positions), not on the model: a
/// translation mirrors the dialog's files by ids, so two trees of texts are compared path by
/// path (`sections/identification/questions/first_name/text`).
struct TranslationParity {
  let sink: DiagnosticSink

  /// One text: where it is, and what it says.
  struct Text {
    var words: String
    var location: SourceLocation
  }

  /// The texts of one side, by path, and where each mapping on the way is (for "missing" errors
  /// pointed at the nearest place that is there).
  struct Texts {
    var texts: [String: Text] = [:]
    var order: [String] = []
    var places: [String: SourceLocation] = [:]

    mutating func add(_ path: String, _ words: String, at location: SourceLocation) {
      if texts[path] == nil { order.append(path) }
      texts[path] = Text(words: words, location: location)
    }
  }

  /// The question keys whose text a patient sees. The others (`label`, `cite`, `summary`, ...)
  /// are the clinic's and stay in the dialog's language.
  static let questionTexts = [
    "text", "help", "why", "invalid", "implausible", "patient_label", "another", "hold_text", "acknowledged_text",
    "ongoing", "pipe_as",
  ]

  /// Checks each translation the manifest declares against the dialog's files.
  /// The declared translations, and the dialog's files as the reader parsed them.
  struct Sources {
    var translations: [Located<String>]
    var manifest: YAMLValue
    var sections: [YAMLValue]
    var note: YAMLValue?
    /// What a translation may name besides texts: the dialog's instruments, and its lexicons'
    /// entries by lexicon id.
    var known = Known()
  }

  struct Known {
    var instruments: Set<String> = []
    var lexicons: [String: Set<String>] = [:]
  }

  /// `roots` are the translation files as parsed (`parse`), in the manifest's order; nil for
  /// one that could not be read or parsed (already reported).
  func check(_ sources: Sources, roots: [YAMLValue?], sourceLanguage: String) {
    let (translations, manifest) = (sources.translations, sources.manifest)
    guard !translations.isEmpty else { return }
    let source = sourceTexts(manifest, sections: sources.sections, note: sources.note)
    var languages: [String: SourceLocation] = [sourceLanguage: manifest.location]
    for (translation, root) in zip(translations, roots) {
      guard let root else { continue }
      guard
        let file = MappingReader(
          root, subject: "the translation '\(translation.value)'", allowed: DialogKeys.translationFile.keys, sink: sink)
      else { continue }
      _ = file.string("name", required: true)
      guard let language = file.string("language", required: true) else { continue }
      if let earlier = languages[language.value] {
        sink.error(
          .duplicateID,
          "the language '\(language.value)' is the dialog's own or has a translation already (\(earlier))",
          at: language.location)
        continue
      }
      languages[language.value] = language.location
      let keep = Set(file.value("keep").map(Self.strings) ?? [])
      compare(source, translated(root, file: translation.value), language: language.value, keep: keep)
      compareKiosk(file, language: language.value, keep: keep)
      checkReferences(file, sources.known)
    }
  }

  // MARK: Reading

  /// A translation file, parsed once for both the parity check and the kiosk's reading of it
  /// (the dialog reader does not know it); problems reported to `sink`.
  static func parse(_ path: Located<String>, files: any DialogFiles, sink: DiagnosticSink) -> YAMLValue? {
    let (relativePath, location) = (path.value, path.location)
    guard let text = try? files.contents(of: relativePath) else {
      sink.error(
        .fileUnreadable, "cannot read the translation '\(relativePath)': it is missing or unreadable", at: location)
      return nil
    }
    return YAMLValue.parse(text, file: files.displayPath(relativePath), sink: sink)
  }

  static func pairs(_ value: YAMLValue?) -> [(key: String, keyLocation: SourceLocation, value: YAMLValue)] {
    if case .mapping(let pairs, _)? = value { return pairs }
    return []
  }

  static func value(_ value: YAMLValue?, _ key: String) -> YAMLValue? {
    pairs(value).first { $0.key == key }?.value
  }

  static func scalar(_ value: YAMLValue?) -> (String, SourceLocation)? {
    if case .scalar(let text, _, let location)? = value { return (text, location) }
    return nil
  }

  static func strings(_ value: YAMLValue) -> [String] {
    guard case .sequence(let items, _) = value else { return [] }
    return items.compactMap { scalar($0)?.0 }
  }

  static func items(_ value: YAMLValue?) -> [YAMLValue] {
    if case .sequence(let items, _)? = value { return items }
    return []
  }

  /// The patient's texts of the dialog's own files (problems in them are the reader's to report).
  func sourceTexts(_ manifest: YAMLValue, sections: [YAMLValue], note: YAMLValue?) -> Texts {
    var texts = Texts()
    if let (title, location) = Self.scalar(Self.value(manifest, "title")) { texts.add("title", title, at: location) }
    for scale in Self.items(Self.value(manifest, "scales")) {
      guard let id = Self.scalar(Self.value(scale, "id"))?.0 else { continue }
      texts.places["scales/\(id)"] = scale.location
      sourceOptions(Self.value(scale, "options"), under: "scales/\(id)", into: &texts)
    }
    for section in sections {
      guard let id = Self.scalar(Self.value(section, "section"))?.0 else { continue }
      let base = "sections/\(id)"
      texts.places[base] = section.location
      if let (title, location) = Self.scalar(Self.value(section, "title")) {
        texts.add(base + "/title", title, at: location)
      }
      sourceQuestions(Self.value(section, "questions"), under: base, into: &texts)
    }
    if let (words, location) = Self.scalar(Self.value(Self.value(note, "words"), "submitted")) {
      texts.add("note/submitted", words, at: location)
    }
    return texts
  }

  private func sourceQuestions(_ list: YAMLValue?, under base: String, into texts: inout Texts) {
    for item in Self.items(list) {
      // A group's questions are the section's, by their own ids.
      if Self.value(item, "group") != nil {
        sourceQuestions(Self.value(item, "questions"), under: base, into: &texts)
        continue
      }
      guard let id = Self.scalar(Self.value(item, "id"))?.0 else { continue }
      let path = "\(base)/questions/\(id)"
      texts.places[path] = item.location
      for key in Self.questionTexts {
        if let (words, location) = Self.scalar(Self.value(item, key)) {
          texts.add("\(path)/\(key)", words, at: location)
        }
      }
      sourceOptions(Self.value(item, "options"), under: path, into: &texts)
      for (index, check) in Self.items(Self.value(item, "checks")).enumerated() {
        if let (words, location) = Self.scalar(Self.value(check, "message")) {
          texts.add("\(path)/checks/\(index + 1)", words, at: location)
        }
      }
      if let (words, location) = Self.scalar(Self.value(Self.value(item, "carry"), "note")) {
        texts.add("\(path)/carry/note", words, at: location)
      }
      // A repeat's items are questions of their own, under it.
      sourceQuestions(Self.value(item, "items"), under: path, into: &texts)
    }
  }

  private func sourceOptions(_ list: YAMLValue?, under base: String, into texts: inout Texts) {
    for option in Self.items(list) {
      guard let id = Self.scalar(Self.value(option, "id"))?.0 else { continue }
      texts.places["\(base)/options/\(id)"] = option.location
      if let (words, location) = Self.scalar(Self.value(option, "text")) {
        texts.add("\(base)/options/\(id)/text", words, at: location)
      }
    }
  }

  /// A translation's texts, by the same paths; its keys checked against the format.
  func translated(_ root: YAMLValue, file: String) -> Texts {
    var texts = Texts()
    texts.places[""] = root.location
    if let (title, location) = Self.scalar(Self.value(root, "title")) { texts.add("title", title, at: location) }
    for pair in Self.pairs(Self.value(root, "scales")) {
      let base = "scales/\(pair.key)"
      texts.places[base] = pair.keyLocation
      guard
        let scale = MappingReader(
          pair.value, subject: "scale '\(pair.key)'", allowed: DialogKeys.translatedScale.keys, sink: sink)
      else { continue }
      translatedOptions(scale.value("options"), under: base, into: &texts)
    }
    for pair in Self.pairs(Self.value(root, "sections")) {
      let base = "sections/\(pair.key)"
      texts.places[base] = pair.keyLocation
      guard
        let section = MappingReader(
          pair.value, subject: "section '\(pair.key)'", allowed: DialogKeys.translatedSection.keys, sink: sink)
      else { continue }
      if let title = section.string("title") { texts.add(base + "/title", title.value, at: title.location) }
      translatedQuestions(section.value("questions"), under: base, into: &texts)
    }
    if let note = Self.value(root, "note"),
      let words = MappingReader(note, subject: "the note's words", allowed: DialogKeys.translatedNote.keys, sink: sink),
      let submitted = words.string("submitted")
    {
      texts.add("note/submitted", submitted.value, at: submitted.location)
    }
    return texts
  }

  private func translatedQuestions(_ mapping: YAMLValue?, under base: String, into texts: inout Texts) {
    for pair in Self.pairs(mapping) {
      let path = "\(base)/questions/\(pair.key)"
      texts.places[path] = pair.keyLocation
      guard
        let question = MappingReader(
          pair.value, subject: "question '\(pair.key)'", allowed: DialogKeys.translatedQuestion.keys, sink: sink)
      else { continue }
      for key in Self.questionTexts {
        if let words = question.string(key) { texts.add("\(path)/\(key)", words.value, at: words.location) }
      }
      translatedOptions(question.value("options"), under: path, into: &texts)
      for (index, check) in Self.items(question.value("checks")).enumerated() {
        if let words = MappingReader.scalar(check, what: "a check's message", sink: sink) {
          texts.add("\(path)/checks/\(index + 1)", words.value, at: words.location)
        }
      }
      if let carry = question.value("carry"),
        let note = MappingReader(
          carry, subject: "the carry of '\(pair.key)'", allowed: DialogKeys.translatedCarry.keys, sink: sink)?
          .string("note")
      {
        texts.add("\(path)/carry/note", note.value, at: note.location)
      }
      translatedQuestions(question.value("items"), under: path, into: &texts)
    }
  }

  private func translatedOptions(_ mapping: YAMLValue?, under base: String, into texts: inout Texts) {
    for pair in Self.pairs(mapping) {
      let path = "\(base)/options/\(pair.key)"
      texts.places[path] = pair.keyLocation
      // An option is its text, or a mapping of its text and the words a patient may type for it.
      if let (words, location) = Self.scalar(pair.value) {
        texts.add(path + "/text", words, at: location)
      } else if let option = MappingReader(
        pair.value, subject: "option '\(pair.key)'", allowed: DialogKeys.translatedOption.keys, sink: sink),
        let words = option.string("text", required: true)
      {
        texts.add(path + "/text", words.value, at: words.location)
      }
    }
  }

  // MARK: Comparing

  private func compare(_ source: Texts, _ translation: Texts, language: String, keep: Set<String>) {
    for path in source.order {
      guard let original = source.texts[path] else { continue }
      guard let translated = translation.texts[path] else {
        sink.error(
          .missingTranslation,
          "'\(path)' has no '\(language)' text; the dialog's is at \(original.location)",
          at: nearest(path, in: translation))
        continue
      }
      let expected = Self.placeholders(original.words)
      let found = Self.placeholders(translated.words)
      if expected != found {
        sink.error(
          .translationPlaceholders,
          "'\(path)' has the placeholders \(Self.listed(found)) in '\(language)' but \(Self.listed(expected)) in the "
            + "dialog (\(original.location)); keep every {name} as it is",
          at: translated.location)
      }
      if translated.words == original.words, !keep.contains(original.words),
        original.words.unicodeScalars.contains(where: { $0.properties.isLowercase })
      {
        sink.error(
          .untranslated,
          "'\(path)' is the same as the dialog's text (\(original.location)): translate it, or list the words under "
            + "'keep' when they are the same in both languages (a name, a brand)",
          at: translated.location)
      }
    }
    for path in translation.order where source.texts[path] == nil {
      guard let text = translation.texts[path] else { continue }
      sink.error(
        .extraTranslation,
        "'\(path)' is not a text of the dialog (no such section, question, option or check there): remove it, "
          + "or correct its id",
        at: text.location)
    }
  }

  /// The kiosk's own words (`kiosk:`): every phrase the program says, in the language, with the
  /// same `{names}` as its English, and no key the program does not have.
  private func compareKiosk(_ file: MappingReader, language: String, keep: Set<String>) {
    guard let kiosk = file.value("kiosk") else {
      sink.error(
        .missingTranslation,
        "the translation gives none of the kiosk's own words in '\(language)': add 'kiosk:' with each of its "
          + "\(KioskPhrase.allCases.count) phrases (Sources/IntakeKit/Translation/KioskPhrase.swift lists them)",
        at: file.keyLocation("language") ?? SourceLocation(file: "", line: 1, column: 1))
      return
    }
    var given: Set<String> = []
    for pair in Self.pairs(kiosk) {
      given.insert(pair.key)
      guard let phrase = KioskPhrase(rawValue: pair.key) else {
        let near = closestMatch(to: pair.key, in: KioskPhrase.allCases.map(\.rawValue))
        sink.error(
          .extraTranslation,
          "'kiosk/\(pair.key)' is not one of the kiosk's phrases" + (near.map { " (did you mean '\($0)'?)" } ?? ""),
          at: pair.keyLocation)
        continue
      }
      guard let (words, location) = Self.scalar(pair.value) else { continue }
      let expected = Self.kioskPlaceholders(phrase.english)
      let found = Self.kioskPlaceholders(words)
      if expected != found {
        sink.error(
          .translationPlaceholders,
          "'kiosk/\(pair.key)' has the placeholders \(Self.listed(found)) in '\(language)' but \(Self.listed(expected)) "
            + "in English (\"\(phrase.english)\"); keep every {name} as it is",
          at: location)
      }
      if words == phrase.english, !keep.contains(words),
        words.unicodeScalars.contains(where: { $0.properties.isLowercase })
      {
        sink.error(
          .untranslated,
          "'kiosk/\(pair.key)' is the kiosk's English: translate it, or list it under 'keep' when it is the same in "
            + "both languages",
          at: location)
      }
    }
    for phrase in KioskPhrase.allCases where !given.contains(phrase.rawValue) {
      sink.error(
        .missingTranslation,
        "the kiosk's phrase '\(phrase.rawValue)' has no '\(language)' text; in English it is \"\(phrase.english)\"",
        at: file.keyLocation("kiosk") ?? kiosk.location)
    }
  }

  /// Instruments and lexicon entries a translation names must be the dialog's.
  private func checkReferences(_ file: MappingReader, _ known: Known) {
    for pair in Self.pairs(file.value("not_validated")) where !known.instruments.contains(pair.key) {
      let near = closestMatch(to: pair.key, in: Array(known.instruments))
      sink.error(
        .extraTranslation,
        "'not_validated/\(pair.key)' is not an instrument of the dialog"
          + (near.map { " (did you mean '\($0)'?)" } ?? ""),
        at: pair.keyLocation)
    }
    for lexicon in Self.pairs(file.value("lexicons")) {
      guard let entries = known.lexicons[lexicon.key] else {
        sink.error(
          .extraTranslation, "'lexicons/\(lexicon.key)' is not a lexicon of the dialog", at: lexicon.keyLocation)
        continue
      }
      for entry in Self.pairs(lexicon.value) where !entries.contains(entry.key) {
        let near = closestMatch(to: entry.key, in: Array(entries))
        sink.error(
          .extraTranslation,
          "'lexicons/\(lexicon.key)/\(entry.key)' is not an entry of that lexicon (its name: exactly as the lexicon "
            + "writes it)" + (near.map { "; did you mean '\($0)'?" } ?? ""),
          at: entry.keyLocation)
      }
    }
  }

  /// The `{name}`s of one of the kiosk's phrases, sorted.
  static func kioskPlaceholders(_ words: String) -> [String] {
    var names: [String] = []
    var rest = Substring(words)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      names.append(String(rest[rest.index(after: open)..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return names.sorted()
  }

  /// Where a missing text would go: the nearest mapping on its path that the translation has.
  private func nearest(_ path: String, in translation: Texts) -> SourceLocation {
    var parts = path.split(separator: "/").map(String.init)
    while !parts.isEmpty {
      parts.removeLast()
      if let place = translation.places[parts.joined(separator: "/")] { return place }
    }
    return translation.places[""] ?? SourceLocation(file: "", line: 1, column: 1)
  }

  /// The `{name}`s a text reads, sorted (`{{` is a brace, not one).
  static func placeholders(_ words: String) -> [String] {
    Template.parse(
      words, at: SourceLocation(file: "", line: 1, column: 1), quoted: false, segments: true, sink: DiagnosticSink()
    ).references.map(\.name).sorted()
  }

  static func listed(_ names: [String]) -> String {
    names.isEmpty ? "none" : names.map { "{\($0)}" }.joined(separator: ", ")
  }
}
