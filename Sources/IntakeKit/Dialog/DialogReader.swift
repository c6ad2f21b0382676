import Foundation

/// Reads a dialog folder into the model, reporting every structural problem with its position.
/// Expressions are parsed here; their types and the flow are checked by `DialogChecker`.
struct DialogReader {
  static let manifestFile = "dialog.yaml"

  let files: any DialogFiles
  let sink: DiagnosticSink
  /// Where what is read and no longer needed goes instead of being freed, when the caller is
  /// about to exit (`Leftovers`).
  var leftovers: Leftovers? = nil

  /// Everything read, before checking.
  struct Draft {
    var id = ""
    var version = ""
    var title = ""
    var language = "en"
    var sections: [Section] = []
    var questions: [String: Question] = [:]
    var questionOrder: [String] = []
    var computed: [String: ComputedValue] = [:]
    var computedOrder: [String] = []
    var instruments: [Instrument] = []
    var categories: [Category] = []
    var rules: [Rule] = []
    var lexicons: [String: Lexicon] = [:]
    var scales: [String: [AnswerOption]] = [:]
    /// How each scale's options read a bare number, when it says.
    var scaleNumbers: [String: NumberReading] = [:]
    var safety: [SafetyProperty] = []
    var resumeWith: Located<String>?
    var estimatedMinutes: Int?
    var lengthBudget: LengthBudget?
    var readingGradeMax: Located<Double>?
    var audiences: [String: Audience] = [:]
    var note = NoteSpec()
    /// Each rule's `replaces`, where written: (the rule, a rule it replaces).
    var replacedRules: [(String, Located<String>)] = []
    /// Where the note names each answer (identity and glance), for the checker.
    var noteReferences: [Located<String>] = []
    /// The option ids `birth_sex` gives codes for, where written.
    var birthSexOptions: [Located<String>] = []
    /// Each question's options' `specify` follow-ups.
    var specify: [String: [SpecifyFollowUp]] = [:]
    /// Each question's `denies` option ids, where written.
    var denies: [String: [Located<String>]] = [:]
    var manifestLocation = SourceLocation(file: "", line: 1, column: 1)
    /// The translations the manifest declares, with the files as written that their parity check
    /// compares them with (`DialogLoader` runs it when every check is asked for).
    var translations: TranslationParity.Sources?
  }

  private func load(_ relativePath: String, from location: SourceLocation?) -> YAMLValue? {
    if let (value, diagnostics) = parsed.take(relativePath) {
      for diagnostic in diagnostics { sink.report(diagnostic) }
      return value
    }
    let path = files.displayPath(relativePath)
    let text: String
    do {
      text = try files.contents(of: relativePath)
    } catch RefusedDialogFile.tooLarge(_, let bytes) {
      sink.error(
        .fileTooLarge,
        "'\(relativePath)' is \(bytes) bytes; a dialog file may be at most \(RefusedDialogFile.maximumBytes) bytes (1 MiB)",
        at: location ?? SourceLocation(file: path, line: 1, column: 1))
      return nil
    } catch RefusedDialogFile.leavesFolder {
      // `read()` reported the link at its own path; only a link it did not see is reported here.
      let seen = linksLeaving.items.contains { relativePath == $0.value || relativePath.hasPrefix($0.value + "/") }
      if !seen {
        sink.error(
          .fileOutsideFolder, "'\(relativePath)' leads outside the dialog folder through a symbolic link",
          at: location ?? SourceLocation(file: path, line: 1, column: 1))
      }
      return nil
    } catch {
      sink.error(
        .fileUnreadable, "cannot read '\(relativePath)': it is missing or unreadable",
        at: location ?? SourceLocation(file: path, line: 1, column: 1))
      return nil
    }
    return YAMLValue.parse(text, file: path, sink: sink)
  }

  func read() -> Draft {
    var draft = Draft()
    draft.manifestLocation = SourceLocation(file: files.displayPath(Self.manifestFile), line: 1, column: 1)
    for link in files.linksLeavingFolder() {
      let location = SourceLocation(file: files.displayPath(link), line: 1, column: 1)
      linksLeaving.append(Located(link, at: location))
      sink.error(
        .fileOutsideFolder,
        "'\(link)' is a symbolic link that leads outside the dialog folder (or nowhere); put the file itself in the folder",
        at: location)
    }
    guard let root = load(Self.manifestFile, from: nil),
      let manifest = MappingReader(
        root, subject: "the dialog manifest",
        allowed: DialogKeys.manifest.keys, sink: sink)
    else { return draft }
    prefetch(root)
    draft.id = manifest.string("id", required: true)?.value ?? ""
    draft.version = manifest.string("version", required: true)?.value ?? ""
    draft.title = manifest.string("title", required: true)?.value ?? ""
    draft.language = manifest.string("language")?.value ?? "en"
    draft.resumeWith = manifest.string("resume_with")
    if let minutes = manifest.int("estimated_minutes") {
      // A constant the dialog's text can pipe ("It takes about {estimated_minutes} minutes"), read
      // like a computed value; `intake test` measures it.
      draft.estimatedMinutes = minutes.value
      draft.computed[Self.estimatedMinutesName] = ComputedValue(
        id: Self.estimatedMinutesName, label: "Estimated minutes",
        expression: Expression(
          kind: .number(Double(minutes.value)), location: minutes.location, source: String(minutes.value)),
        summary: .none, location: minutes.location)
    }

    if let budget = manifest.value("length_budget"),
      let reader = MappingReader(
        budget, subject: "length_budget", allowed: DialogKeys.lengthBudget.keys, sink: sink)
    {
      let maximum = reader.int("max_screens")
      let median = reader.int("median_screens")
      for given in [maximum, median].compactMap({ $0 }) where given.value < 1 {
        sink.error(.invalidValue, "a length budget counts screens: 1 or more", at: given.location)
      }
      if maximum == nil, median == nil {
        sink.error(.missingKey, "length_budget needs 'max_screens', 'median_screens' or both", at: budget.location)
      }
      draft.lengthBudget = LengthBudget(
        maximumScreens: maximum?.value, medianScreens: median?.value, location: budget.location)
    }

    if let grade = manifest.number("reading_grade_max") {
      if grade.value < 1 {
        sink.error(.invalidValue, "reading_grade_max is a US school grade, 1 or more", at: grade.location)
      } else {
        draft.readingGradeMax = grade
      }
    }
    for audience in manifest.list("audiences") ?? [] { readAudience(audience, into: &draft) }

    for scale in manifest.list("scales") ?? [] { readScale(scale, into: &draft) }
    for path in manifest.strings("lexicons") ?? [] {
      if let value = load(path.value, from: path.location) { readLexicon(value, into: &draft) }
    }
    // Kept for the translations' parity check, which compares them as written.
    var sectionFiles: [YAMLValue] = []
    var sectionNames: [String] = []
    for path in manifest.strings("sections") ?? [] {
      if let value = load(path.value, from: path.location) {
        sectionFiles.append(value)
        sectionNames.append(files.displayPath(path.value))
      }
    }
    if manifest.value("sections") == nil { _ = manifest.list("sections", required: true) }
    let settings = manifest.string("settings").flatMap { load($0.value, from: $0.location) }
    let scoring = manifest.string("scoring").flatMap { load($0.value, from: $0.location) }
    let rules = manifest.string("rules").flatMap { load($0.value, from: $0.location) }
    // Each section file, the scoring and the rules are read on every core into drafts of their
    // own (reading them into the model was a fifth of `intake check`, on one core), then taken
    // in the manifest's order. A file whose ids meet those of a file before it is read again
    // into the whole draft, as if alone, so what is reported is what reading in order reports.
    let jobs =
      zip(sectionFiles, sectionNames).map { FileJob.section($0, file: $1) }
      + [scoring.map(FileJob.scoring), rules.map(FileJob.rules)].compactMap { $0 }
    let computedBefore = draft.computedOrder.count
    // Each file's draft is taken out of `ahead` and its questions moved into the whole draft:
    // copied, each of their parts was retained, and released again when the drafts were freed
    // (a tenth of `intake check` on 10,000 questions, on one core).
    var ahead = readAhead(jobs, base: draft).map(Optional.some)
    draft.questions.reserveCapacity(ahead.reduce(0) { $0 + ($1?.draft.questions.count ?? 0) })
    var sectionIDs = Set<String>()
    for index in jobs.indices {
      guard case .section(let value, let file) = jobs[index], var read = ahead[index].take() else { continue }
      let clash =
        read.draft.sections.contains { sectionIDs.contains($0.id) }
        || read.draft.questionOrder.contains { draft.questions[$0] != nil }
      if clash {
        readSection(value, file: file, into: &draft)
      } else {
        take(read)
        draft.sections += read.draft.sections
        for id in read.draft.questionOrder { draft.questions[id] = read.draft.questions.removeValue(forKey: id) }
        draft.questionOrder += read.draft.questionOrder
        draft.specify.merge(read.draft.specify) { _, own in own }
        draft.denies.merge(read.draft.denies) { _, own in own }
      }
      if let last = draft.sections.last { sectionIDs.insert(last.id) }
    }
    if let settings { readSettings(settings, into: &draft) }
    for index in jobs.indices {
      guard var read = ahead[index].take() else { continue }
      switch jobs[index] {
      case .section: continue
      case .scoring(let value):
        // Read alone, the scoring file did not see the questions and settings: any id of its
        // own that they use is read again in order, for the error.
        let own = read.draft.computedOrder.dropFirst(computedBefore)
        if own.contains(where: { draft.questions[$0] != nil || draft.computed[$0] != nil }) {
          readScoring(value, into: &draft)
          continue
        }
        take(read)
        for id in own { draft.computed[id] = read.draft.computed.removeValue(forKey: id) }
        draft.computedOrder += own
        Self.append(read.draft.instruments, to: &draft.instruments)
      case .rules:
        take(read)
        Self.append(read.draft.categories, to: &draft.categories)
        Self.append(read.draft.rules, to: &draft.rules)
        draft.replacedRules += read.draft.replacedRules
      }
    }
    for item in manifest.list("safety") ?? [] { readSafety(item, into: &draft) }
    var noteFile: YAMLValue?
    if let path = manifest.string("note"), let value = load(path.value, from: path.location) {
      readNote(value, into: &draft)
      noteFile = value
    }
    if let translations = manifest.strings("translations") {
      draft.translations = TranslationParity.Sources(
        translations: translations, manifest: root, sections: sectionFiles, note: noteFile)
    }
    // The files' parsed YAML, freed here otherwise (`Leftovers`).
    leftovers?.keep([jobs, root])
    return draft
  }

  /// Reads and parses, on every core, the files the manifest names. Only what reads and parses
  /// is kept (with its own diagnostics, reported when `load` takes it); a file that cannot be
  /// read is left for `load`, which reports it where the manifest names it. Nothing is reported
  /// here: the manifest is read for its paths again, in order, with its own diagnostics.
  private func prefetch(_ manifest: YAMLValue) {
    let quiet = DiagnosticSink()
    let reader = MappingReader(manifest, subject: "the dialog manifest", allowed: DialogKeys.manifest.keys, sink: quiet)
    guard let reader else { return }
    let named =
      (reader.strings("lexicons") ?? []).map(\.value) + (reader.strings("sections") ?? []).map(\.value)
      + ["settings", "scoring", "rules", "note"].compactMap { reader.string($0)?.value }
      // Translations too: the largest files, read after the dialog (`DialogLoader`), and parsed
      // here beside the sections instead of alone after them.
      + (reader.strings("translations") ?? []).map(\.value)
    let paths = Array(Set(named))
    guard paths.count > 1 else { return }
    let (files, parsed) = (self.files, self.parsed)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      guard let text = try? files.contents(of: paths[index]) else { return }
      let sink = DiagnosticSink()
      let value = YAMLValue.parse(text, file: files.displayPath(paths[index]), sink: sink)
      parsed.keep(paths[index], value, sink.diagnostics)
    }
  }

  /// A file read ahead of the rest (`readAhead`).
  private enum FileJob {
    case section(YAMLValue, file: String)
    case scoring(YAMLValue)
    case rules(YAMLValue)
  }

  /// A file read alone into a draft of its own, with what reading it reported and named.
  private struct FileRead {
    var draft: Draft
    var diagnostics: [Diagnostic]
    var references: [Located<String>]
    var targets: [Located<String>]
  }

  /// Reads each file into a copy of `base`, on every core, each with a reader of its own.
  private func readAhead(_ jobs: [FileJob], base: Draft) -> [FileRead] {
    let work = ReadAhead(jobs: jobs, base: base, files: files)
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in work.run(index) }
    return work.results()
  }

  /// `items` after what `list` holds: taken whole when it holds nothing (as it does before the
  /// scoring and rules files), so the items are not copied and the copies freed.
  private static func append<Item>(_ items: [Item], to list: inout [Item]) {
    if list.isEmpty { list = items } else { list += items }
  }

  /// What a file read ahead reported and named, as if this reader had read it.
  private func take(_ read: FileRead) {
    read.diagnostics.forEach(sink.report)
    pendingReferences.items += read.references
    pendingTargets.items += read.targets
  }

  /// The jobs of `readAhead` and their results, each stored once by the thread that read it.
  private final class ReadAhead: @unchecked Sendable {
    // Never written after `init`.
    let jobs: [FileJob]
    let base: Draft
    let files: any DialogFiles
    // Guarded by `lock`.
    private var reads: [FileRead?]
    private let lock = NSLock()

    init(jobs: [FileJob], base: Draft, files: any DialogFiles) {
      self.jobs = jobs
      self.base = base
      self.files = files
      reads = Array(repeating: nil, count: jobs.count)
    }

    func run(_ index: Int) {
      let reader = DialogReader(files: files, sink: DiagnosticSink())
      var draft = base
      switch jobs[index] {
      case .section(let value, let file): reader.readSection(value, file: file, into: &draft)
      case .scoring(let value): reader.readScoring(value, into: &draft)
      case .rules(let value): reader.readRules(value, into: &draft)
      }
      let read = FileRead(
        draft: draft, diagnostics: reader.sink.diagnostics, references: reader.references,
        targets: reader.escalationTargets)
      lock.withLock { reads[index] = read }
    }

    /// Every file's read, in the jobs' order.
    /// The files read, in order; given up by this object, so each draft is held once.
    func results() -> [FileRead] {
      lock.withLock {
        defer { reads = [] }
        return reads.compactMap { $0 }
      }
    }
  }

  /// The keys of the note file and of its `birth_sex` (the note schema lists the same).

  /// The note file: `identity` (which answers name the patient), `glance` (answers for the first
  /// page), `words` (every heading and sentence, by `NoteWord` key) and `birth_sex` (how the sex
  /// answer is written in FHIR).
  private func readNote(_ value: YAMLValue, into draft: inout Draft) {
    guard
      let reader = MappingReader(
        value, subject: "the note file", allowed: DialogKeys.note.keys, sink: sink)
    else { return }
    if let birthSex = reader.value("birth_sex"),
      let fields = MappingReader(birthSex, subject: "'birth_sex'", allowed: DialogKeys.birthSex.keys, sink: sink),
      let url = fields.string("extension", required: true)
    {
      var mapping = BirthSexCoding(extensionURL: url.value, codes: [:])
      switch fields.value("codes") {
      case .mapping(let pairs, _)?:
        for pair in pairs {
          guard let code = MappingReader.scalar(pair.value, what: "the code of '\(pair.key)'", sink: sink) else {
            continue
          }
          mapping.codes[pair.key] = code.value
          draft.birthSexOptions.append(Located(pair.key, at: pair.keyLocation))
        }
      case let other?:
        sink.error(.wrongType, "'codes' in 'birth_sex' must map option ids to codes", at: other.location)
      case nil:
        sink.error(.missingKey, "'birth_sex' needs 'codes' (option id: code)", at: fields.location)
      }
      draft.note.birthSex = mapping
    }
    if let identity = reader.value("identity"),
      let fields = MappingReader(
        identity, subject: "'identity'", allowed: DialogKeys.noteIdentity.keys, sink: sink)
    {
      for field in IdentityField.allCases {
        guard let name = fields.string(field.rawValue) else { continue }
        draft.note.identity[field] = name.value
        draft.noteReferences.append(name)
      }
    }
    for name in reader.strings("glance") ?? [] {
      draft.note.glance.append(name.value)
      draft.noteReferences.append(name)
    }
    if let words = reader.value("words"),
      let texts = MappingReader(words, subject: "'words'", allowed: DialogKeys.noteWords.keys, sink: sink)
    {
      for word in NoteWord.allCases {
        if let text = texts.string(word.rawValue) { draft.note.words[word] = text.value }
      }
    }
  }

  // MARK: Audiences, scales and lexicons

  /// `{ id, when, words }`: who a question can apply to.
  private func readAudience(_ value: YAMLValue, into draft: inout Draft) {
    guard
      let reader = MappingReader(value, subject: "an audience", allowed: DialogKeys.audience.keys, sink: sink),
      let id = reader.string("id", required: true)
    else { return }
    if draft.audiences[id.value] != nil {
      sink.error(.duplicateID, "audience '\(id.value)' is declared twice", at: id.location)
    }
    guard let condition = expression(reader, "when", required: true) else { return }
    draft.audiences[id.value] = Audience(
      id: id.value, condition: condition, words: (reader.strings("words") ?? []).map(\.value), location: id.location)
  }

  private func readScale(_ value: YAMLValue, into draft: inout Draft) {
    guard let reader = MappingReader(value, subject: "a scale", allowed: DialogKeys.scale.keys, sink: sink),
      let id = reader.string("id", required: true)
    else { return }
    if draft.scales[id.value] != nil {
      sink.error(.duplicateID, "scale '\(id.value)' is declared twice", at: id.location)
    }
    let options = readOptions(reader, subject: "scale '\(id.value)'", scored: true)
    draft.scales[id.value] = options
    draft.scaleNumbers[id.value] = numberReading(reader, scale: nil)
  }

  private func readLexicon(_ value: YAMLValue, into draft: inout Draft) {
    guard
      let reader = MappingReader(
        value, subject: "a lexicon", allowed: DialogKeys.lexicon.keys, sink: sink),
      let id = reader.string("id", required: true)
    else { return }
    var concerns: [String: String] = [:]
    for concern in reader.list("concerns") ?? [] {
      guard
        let concernReader = MappingReader(
          concern, subject: "a concern code", allowed: DialogKeys.lexiconConcern.keys, sink: sink),
        let code = concernReader.string("id", required: true)
      else { continue }
      if concerns[code.value] != nil {
        sink.error(.duplicateID, "concern '\(code.value)' is declared twice", at: code.location)
      }
      concerns[code.value] = concernReader.string("title", required: true)?.value ?? code.value
    }
    var tags: [String: String] = [:]
    var tagConcerns: [String: [String]] = [:]
    for tag in reader.list("tags", required: true) ?? [] {
      guard
        let tagReader = MappingReader(tag, subject: "a lexicon tag", allowed: DialogKeys.lexiconTag.keys, sink: sink),
        let tagID = tagReader.string("id", required: true)
      else { continue }
      if tags[tagID.value] != nil {
        sink.error(.duplicateID, "tag '\(tagID.value)' is declared twice", at: tagID.location)
      }
      tags[tagID.value] = tagReader.string("title", required: true)?.value ?? tagID.value
      let codes = tagReader.strings("concerns") ?? []
      for code in codes where concerns[code.value] == nil {
        sink.error(
          .unknownReference,
          "concern '\(code.value)' is not declared in this lexicon's 'concerns'"
            + suggestion(code.value, Array(concerns.keys)),
          at: code.location)
      }
      if !codes.isEmpty { tagConcerns[tagID.value] = codes.map(\.value) }
    }
    var entries: [LexiconEntry] = []
    var seenNames: [String: SourceLocation] = [:]
    for entry in reader.list("entries", required: true) ?? [] {
      guard
        let entryReader = MappingReader(
          entry, subject: "a lexicon entry", allowed: DialogKeys.lexiconEntry.keys, sink: sink),
        let name = entryReader.string("name", required: true)
      else { continue }
      let aliases = entryReader.strings("aliases") ?? []
      for spelling in [name] + aliases {
        let key = spelling.value.lowercased()
        if seenNames[key] != nil {
          sink.error(.duplicateID, "'\(spelling.value)' names two lexicon entries", at: spelling.location)
        }
        seenNames[key] = spelling.location
      }
      let entryTags = entryReader.strings("tags") ?? []
      for tag in entryTags where tags[tag.value] == nil {
        sink.error(
          .unknownReference,
          "tag '\(tag.value)' is not declared in this lexicon's 'tags'" + suggestion(tag.value, Array(tags.keys)),
          at: tag.location)
      }
      entries.append(
        LexiconEntry(
          name: name.value, aliases: aliases.map(\.value), tags: entryTags.map(\.value),
          doseUnit: entryReader.string("dose_unit")?.value))
    }
    if draft.lexicons[id.value] != nil {
      sink.error(.duplicateID, "lexicon '\(id.value)' is declared twice", at: id.location)
    }
    var lexicon = Lexicon(id: id.value, tags: tags, entries: entries)
    lexicon.concerns = concerns
    lexicon.tagConcerns = tagConcerns
    lexicon.doseUnit = reader.string("dose_unit")?.value
    draft.lexicons[id.value] = lexicon
  }

  // MARK: Sections and questions

  /// The name the manifest's `estimated_minutes` is piped by.
  static let estimatedMinutesName = "estimated_minutes"

  private func readSection(_ value: YAMLValue, file: String, into draft: inout Draft) {
    guard
      let reader = MappingReader(
        value, subject: "a section file",
        allowed: DialogKeys.section.keys,
        sink: sink),
      let id = reader.string("section", required: true)
    else { return }
    if draft.sections.contains(where: { $0.id == id.value }) {
      sink.error(.duplicateID, "section '\(id.value)' is declared twice", at: id.location)
    }
    let summary = readSummaryHeading(reader) ?? .history
    var section = Section(
      id: id.value, title: reader.string("title", required: true)?.value ?? id.value,
      summaryTitle: reader.string("summary_title")?.value,
      inFlow: reader.bool("flow")?.value ?? true, summary: summary, questionIDs: [], file: file)
    // A section's `when` holds for every question in it, and a group's for every question in
    // the group: each question's own `when` is joined to them with `and`, so the checker, path
    // analysis and coverage see one condition per question.
    let sectionWhen = expression(reader, "when")
    for item in reader.list("questions", required: true) ?? [] {
      var inherited = [sectionWhen].compactMap { $0 }
      var items = [item]
      if case .mapping(let pairs, _) = item, pairs.contains(where: { $0.key == "group" }) {
        guard
          let groupReader = MappingReader(
            item, subject: "a group of questions", allowed: DialogKeys.questionGroup.keys, sink: sink)
        else { continue }
        _ = groupReader.string("group", required: true)
        if let groupWhen = expression(groupReader, "when", required: true) { inherited.append(groupWhen) }
        items = groupReader.list("questions", required: true) ?? []
      }
      for item in items {
        guard let id = readQuestion(item, section: section, group: nil, into: &draft) else { continue }
        if !inherited.isEmpty, var question = draft.questions[id] {
          question.when = Self.joined(inherited + [question.when].compactMap { $0 })
          draft.questions[id] = question
        }
        section.questionIDs.append(id)
        section.questionIDs += addSpecifyQuestions(after: id, section: section, into: &draft)
      }
    }
    draft.sections.append(section)
  }

  /// Conditions joined with `and`, located at the last (the question's own, when it has one).
  static func joined(_ conditions: [Expression]) -> Expression? {
    guard var joined = conditions.first else { return nil }
    for next in conditions.dropFirst() {
      joined = Expression(
        kind: .binary(.and, joined, next), location: next.location, source: "(\(joined.source)) and (\(next.source))")
    }
    return joined
  }

  /// For each option of `id` with `specify: <question>`, a text question asked right after it
  /// when that option is chosen (`<id>_<option>`), so "Something else" comes with what it is.
  private func addSpecifyQuestions(after id: String, section: Section, into draft: inout Draft) -> [String] {
    guard let question = draft.questions[id], let specified = draft.specify[id], !specified.isEmpty else { return [] }
    let many: Bool
    switch question.kind {
    case .choice: many = false
    case .multipleChoice: many = true
    default: return []
    }
    if !question.branches.isEmpty || question.next != nil {
      sink.error(
        .invalidValue,
        "'specify' cannot be used on '\(id)', which has 'next': the follow-up is asked right after it. Ask it as a "
          + "question of its own with a 'when'",
        at: specified[0].location)
      return []
    }
    var added: [String] = []
    for entry in specified {
      let follow = "\(id)_\(entry.option)"
      if draft.questions[follow] != nil || draft.computed[follow] != nil {
        sink.error(
          .duplicateID,
          "'specify' on option '\(entry.option)' asks question '\(follow)', but that id is already used; rename one",
          at: entry.location)
        continue
      }
      let source = many ? "\"\(entry.option)\" in \(id)" : "\(id) == \"\(entry.option)\""
      guard case .success(let condition) = ExpressionParser.parse(source, at: entry.location) else { continue }
      let optionText = question.options.first { $0.id == entry.option }?.text ?? entry.option
      draft.questions[follow] = Question(
        QuestionFields(
          id: follow, section: section.id, kind: .text(maxLength: 200, lexicon: nil),
          text: Template(literal: entry.text), label: "\(question.label) (\(optionText.lowercased())), in their words",
          help: nil, why: nil,
          required: true,
          when: [question.when, condition].compactMap { $0 }.count == 2
            ? Self.joined([question.when, condition].compactMap { $0 }) : condition,
          branches: [], next: nil, ends: false, checks: [], numberReading: nil, isPersonName: false, pipedAs: nil,
          invalidMessage: nil, implausibleMessage: nil, group: nil, summary: question.summary, cite: nil,
          location: entry.location))
      draft.questions[follow]?.specifies = id
      draft.questionOrder.append(follow)
      added.append(follow)
    }
    return added
  }

  private func readSummaryHeading(_ reader: MappingReader) -> SummaryHeading? {
    guard let text = reader.string("summary") else { return nil }
    guard let heading = SummaryHeading(rawValue: text.value) else {
      sink.error(
        .invalidValue,
        "summary must be one of \(SummaryHeading.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text.value)'",
        at: text.location)
      return nil
    }
    return heading
  }

  /// Reads one question (and, for a repeat group, its items); returns its id when it was added.
  private func readQuestion(_ value: YAMLValue, section: Section, group: String?, into draft: inout Draft) -> String? {
    // Read the kind first so unknown-key messages can name the keys that kind allows.
    var kindName = "message"
    if case .mapping(let pairs, _) = value, let kind = pairs.first(where: { $0.key == "kind" }),
      case .scalar(let text, _, _) = kind.value, DialogKeys.questionKinds[text] != nil
    {
      kindName = text
    }
    let subject: String
    if case .mapping(let pairs, _) = value, let idPair = pairs.first(where: { $0.key == "id" }),
      case .scalar(let text, _, _) = idPair.value
    {
      subject = "question '\(text)'"
    } else {
      subject = "a question"
    }
    guard
      let reader = MappingReader(
        value, subject: subject, allowed: DialogKeys.questionKeys(kind: kindName) ?? DialogKeys.questionCommon,
        sink: sink),
      let id = reader.string("id", required: true)
    else { return nil }
    if !isIdentifier(id.value) {
      sink.error(
        .invalidValue, "id '\(id.value)' must be letters, digits and underscores, starting with a letter",
        at: id.location)
    }
    if let kind = reader.string("kind", required: true), DialogKeys.questionKinds[kind.value] == nil {
      let known = DialogKeys.questionKindNames
      sink.error(
        .invalidValue, "unknown kind '\(kind.value)'" + suggestion(kind.value, known, listing: true), at: kind.location)
    }
    let textValue = reader.value("text")
    let text = textValue.map { template($0, what: "text of \(subject)") } ?? Template(literal: "")
    if textValue == nil { _ = reader.string("text", required: true) }

    var kind: AnswerKind = .message
    var groupItems: [String] = []
    switch kindName {
    case "yes_no": kind = .yesNo
    case "choice": kind = .choice(readOptions(reader, subject: subject, scored: false))
    case "multiple_choice": kind = .multipleChoice(readOptions(reader, subject: subject, scored: false))
    case "integer", "decimal":
      var otherUnits: [String: Double] = [:]
      if let units = reader.value("other_units") {
        if case .mapping(let pairs, _) = units {
          for pair in pairs {
            guard let factor = MappingReader.scalar(pair.value, what: "the factor of unit '\(pair.key)'", sink: sink),
              let number = Double(factor.value), number > 0
            else {
              sink.error(
                .wrongType, "unit '\(pair.key)' needs a positive factor to the main unit", at: pair.keyLocation)
              continue
            }
            otherUnits[pair.key.lowercased()] = number
          }
        } else {
          sink.error(
            .wrongType, "'other_units' maps each unit to its factor, for example { kg: 2.20462 }", at: units.location)
        }
      }
      var range = NumberRange(
        minimum: reader.number("min")?.value, maximum: reader.number("max")?.value, unit: reader.string("unit")?.value,
        otherUnits: otherUnits, plausibleMinimum: reader.number("plausible_min")?.value,
        plausibleMaximum: reader.number("plausible_max")?.value)
      if let also = reader.string("show_also") {
        if otherUnits[also.value.lowercased()] == nil {
          sink.error(
            .unknownReference, "show_also '\(also.value)' of \(subject) must be one of its other_units",
            at: also.location)
        } else {
          range.showAlso = also.value.lowercased()
        }
      }
      if let low = range.minimum, let high = range.maximum, low > high, let at = reader.keyLocation("min") {
        sink.error(
          .invalidValue, "min (\(formatNumber(low))) is above max (\(formatNumber(high))) in \(subject)", at: at)
      }
      // A medicine's amount converted to one unit loses what the patient said (25 mcg as
      // "0.03 mg"): the format has `dose` for it, and refuses dose units here.
      // ("%" and "units" have other uses: a share of days, units of alcohol.)
      let doseUnits = ([range.unit].compactMap { $0 } + otherUnits.keys.sorted()).filter {
        guard let symbol = DoseReading.units[$0.lowercased()] else { return false }
        return symbol != "%" && symbol != "units"
      }
      if let doseUnit = doseUnits.first, let at = reader.keyLocation(range.unit == doseUnit ? "unit" : "other_units") {
        sink.error(
          .invalidValue,
          "'\(doseUnit)' is a unit of a medicine's amount: \(subject) is a number converted to its 'unit', so "
            + "'25 mcg' would be kept as milligrams. Use 'kind: dose', which keeps the amount and unit the patient "
            + "typed (25 mcg stays 25 mcg) and reads tablets, puffs and 'half a milligram'",
          at: at)
      }
      kind = kindName == "integer" ? .integer(range) : .decimal(range)
    case "duration":
      // Any unit of time is understood; `unit` is the one rules compare in.
      let unit = reader.string("unit", required: true)
      if let unit, !DurationWords.isTime(unit.value), let at = reader.keyLocation("unit") {
        sink.error(.invalidValue, "the unit of \(subject) must be days, weeks, months or years", at: at)
      }
      let range = NumberRange(
        minimum: reader.number("min")?.value, maximum: reader.number("max")?.value,
        unit: unit.flatMap { DurationWords.units[$0.value.lowercased()] } ?? "weeks",
        plausibleMinimum: reader.number("plausible_min")?.value,
        plausibleMaximum: reader.number("plausible_max")?.value)
      kind = .duration(DurationRule(range: range, ongoing: reader.string("ongoing")?.value))
    case "date":
      kind = .date(
        DateRule(
          notInFuture: reader.bool("not_in_future")?.value ?? true, maximumYearsAgo: reader.int("max_years_ago")?.value,
          readBack: reader.bool("read_back")?.value ?? false)
      )
    case "text":
      let maxLength = reader.int("max_length")?.value ?? 500
      if maxLength < 1, let at = reader.keyLocation("max_length") {
        sink.error(.invalidValue, "max_length must be at least 1", at: at)
      }
      let lexicon = reader.string("lexicon")
      if let lexicon, draft.lexicons[lexicon.value] == nil {
        sink.error(
          .unknownReference,
          "lexicon '\(lexicon.value)' is not listed in the manifest's 'lexicons'"
            + suggestion(lexicon.value, Array(draft.lexicons.keys)), at: lexicon.location)
      }
      kind = .text(maxLength: maxLength, lexicon: lexicon?.value)
    case "dose":
      let maxLength = reader.int("max_length")?.value ?? 40
      if maxLength < 1, let at = reader.keyLocation("max_length") {
        sink.error(.invalidValue, "max_length must be at least 1", at: at)
      }
      // Which question names the medicine is checked once every question is read.
      let medicine = reader.string("medicine")
      kind = .dose(DoseRule(maxLength: maxLength, medicine: medicine?.value, medicineLocation: medicine?.location))
    case "scale":
      if let scale = reader.string("scale", required: true) {
        if let options = draft.scales[scale.value] {
          kind = .scale(scale.value, options)
        } else {
          sink.error(
            .unknownReference,
            "scale '\(scale.value)' is not declared in the manifest's 'scales'"
              + suggestion(scale.value, Array(draft.scales.keys)), at: scale.location)
          kind = .scale(scale.value, [])
        }
      }
    case "blood_pressure": kind = .bloodPressure
    case "review": kind = .review
    case "repeat":
      if group != nil {
        sink.error(.invalidValue, "a repeat group cannot hold another repeat group", at: id.location)
      }
      for item in reader.list("items", required: true) ?? [] {
        if let itemID = readQuestion(item, section: section, group: id.value, into: &draft) {
          groupItems.append(itemID)
        }
      }
      let another = reader.value("another").map { template($0, what: "'another' of \(subject)") }
      if another == nil { _ = reader.string("another", required: true) }
      var repeated = RepeatGroup(
        items: groupItems, another: another ?? Template(literal: ""),
        maximum: reader.int("max_records")?.value ?? 20,
        recordLabel: reader.value("record_label").map { template($0, what: "'record_label' of \(subject)") })
      if let carry = reader.value("carry"),
        let carryReader = MappingReader(
          carry, subject: "'carry' of \(subject)", allowed: DialogKeys.carry.keys, sink: sink),
        let from = carryReader.string("from", required: true), let line = carryReader.value("line")
      {
        repeated.carry = RepeatCarry(
          group: from.value, groupLocation: from.location, condition: expression(carryReader, "when"),
          line: template(line, what: "'line' of \(subject)'s carry", segments: true),
          note: carryReader.value("note").map { template($0, what: "'note' of \(subject)'s carry", segments: true) })
      } else if let carry = reader.value("carry"), case .mapping(let pairs, _) = carry,
        !pairs.contains(where: { $0.key == "line" })
      {
        sink.error(.missingKey, "'carry' of \(subject) needs 'line'", at: carry.location)
      }
      kind = .repeatGroup(repeated)
    default: break
    }

    var branches: [Branch] = []
    var next: Target?
    var nextLocation: SourceLocation?
    if let nextValue = reader.value("next") {
      (branches, next, nextLocation) = readNext(nextValue, subject: subject)
      if group != nil {
        sink.error(
          .invalidValue, "questions inside a repeat group cannot jump; use 'when' instead", at: nextValue.location)
      }
    }
    var checks: [Check] = []
    for check in reader.list("checks") ?? [] {
      guard let checkReader = MappingReader(check, subject: "a check", allowed: DialogKeys.check.keys, sink: sink),
        let condition = expression(checkReader, "require", required: true),
        let message = checkReader.string("message", required: true)
      else { continue }
      checks.append(Check(condition: condition, message: message.value, messageLocation: message.location))
    }

    var question = QuestionFields(
      id: id.value, section: section.id, kind: kind, text: text,
      label: reader.string("label")?.value ?? text.source.trimmingWhitespace(),
      help: reader.string("help")?.value, why: reader.string("why")?.value,
      required: reader.bool("required")?.value ?? true, when: expression(reader, "when"), branches: branches,
      next: next, ends: reader.bool("end")?.value ?? false, checks: checks,
      numberReading: numberReading(reader, scale: kind.scaleID.flatMap { draft.scaleNumbers[$0] }),
      isPersonName: reader.bool("person_name")?.value ?? false, pipedAs: reader.string("pipe_as")?.value,
      invalidMessage: reader.string("invalid")?.value, implausibleMessage: reader.string("implausible")?.value,
      group: group,
      summary: readSummaryHeading(reader) ?? section.summary,
      cite: reader.value("cite").map { template($0, what: "'cite' of \(subject)", segments: true) },
      location: id.location)
    question.nextLocation = nextLocation
    (question.hold, question.holdText) = readHold(reader, subject: subject)
    if let acknowledged = reader.string("acknowledged_text") {
      if question.hold == nil {
        sink.error(
          .invalidValue, "'acknowledged_text' of \(subject) is shown only with 'hold: staff'", at: acknowledged.location
        )
      }
      question.acknowledgedText = acknowledged.value
    }
    for key in ["text", "help", "why", "invalid", "implausible", "another"] {
      if let value = reader.value(key) { question.textLocations[key] = value.location }
    }
    question.verbatim = reader.bool("verbatim")?.value ?? false
    question.isPhone = reader.bool("phone")?.value ?? false
    question.audience = reader.string("audience")
    question.patientLabel = reader.string("patient_label")?.value
    question.dormant = dormant(reader, subject)
    if let denies = reader.strings("denies") {
      question.denies = Set(denies.map(\.value))
      draft.denies[id.value] = denies
    }
    if draft.questions[id.value] != nil || draft.computed[id.value] != nil {
      let earlier = draft.questions[id.value]?.location ?? draft.computed[id.value]?.location
      sink.error(
        .duplicateID, "id '\(id.value)' is already used" + (earlier.map { " at \($0)" } ?? "") + "; ids must be unique",
        at: id.location)
      return nil
    }
    draft.questions[id.value] = Question(question)
    draft.questionOrder.append(id.value)
    let specified = pendingSpecify.take()
    if !specified.isEmpty {
      if group != nil {
        sink.error(
          .invalidValue, "'specify' is for a question of a section, not of a repeat group's record",
          at: specified[0].location)
      } else {
        draft.specify[id.value] = specified
      }
    }
    return id.value
  }

  /// `hold: staff` and `hold_text` on a message. A `hold_text` without a `hold` is refused: it
  /// would never be shown.
  private func readHold(_ reader: MappingReader, subject: String) -> (Hold?, String?) {
    let holdText = reader.string("hold_text")
    guard let hold = reader.string("hold") else {
      if let holdText {
        sink.error(.invalidValue, "'hold_text' of \(subject) is shown only with 'hold: staff'", at: holdText.location)
      }
      return (nil, nil)
    }
    guard let value = Hold(rawValue: hold.value) else {
      sink.error(
        .invalidValue,
        "hold must be one of \(Hold.allCases.map(\.rawValue).joined(separator: ", ")), not '\(hold.value)'",
        at: hold.location)
      return (nil, nil)
    }
    return (value, holdText?.value)
  }

  /// `numbers: ask | values | positions` on a question, or its scale's.
  private func numberReading(_ reader: MappingReader, scale: NumberReading?) -> NumberReading? {
    guard let typed = reader.string("numbers") else { return scale }
    guard let reading = NumberReading(rawValue: typed.value) else {
      sink.error(
        .invalidValue,
        "'numbers' must be one of \(NumberReading.allCases.map(\.rawValue).joined(separator: ", ")), not '\(typed.value)'",
        at: typed.location)
      return scale
    }
    return reading
  }

  private func readOptions(_ reader: MappingReader, subject: String, scored: Bool) -> [AnswerOption] {
    var options: [AnswerOption] = []
    var seen: [String: SourceLocation] = [:]
    for item in reader.list("options", required: true) ?? [] {
      let allowed = scored ? DialogKeys.scaleOption.keys : DialogKeys.choiceOption.keys
      guard let optionReader = MappingReader(item, subject: "an option of \(subject)", allowed: allowed, sink: sink),
        let id = optionReader.string("id", required: true)
      else { continue }
      if let earlier = seen[id.value] {
        sink.error(
          .duplicateID, "option '\(id.value)' appears twice in \(subject) (first at \(earlier))", at: id.location)
        continue
      }
      seen[id.value] = id.location
      if let specify = optionReader.string("specify") {
        pendingSpecify.items.append(SpecifyFollowUp(option: id.value, text: specify.value, location: specify.location))
      }
      let score = scored ? optionReader.number("score") : nil
      if scored && score == nil { _ = optionReader.string("score", required: true) }
      options.append(
        AnswerOption(
          id: id.value, text: optionReader.string("text", required: true)?.value ?? id.value, score: score?.value,
          exclusive: optionReader.bool("exclusive")?.value ?? false, cite: optionReader.string("cite")?.value,
          location: id.location, aliases: optionReader.strings("aliases")?.map(\.value) ?? []))
    }
    if options.isEmpty, reader.value("options") != nil {
      sink.error(.invalidValue, "\(subject) needs at least one option", at: reader.location)
    }
    return options
  }

  /// The branches, the target when none holds, and where that target is written.
  private func readNext(_ value: YAMLValue, subject: String) -> ([Branch], Target?, SourceLocation?) {
    switch value {
    case .scalar(let text, _, let location):
      return ([], target(text, at: location), location)
    case .sequence(let items, _):
      var branches: [Branch] = []
      var fallback: Target?
      var fallbackLocation: SourceLocation?
      for (index, item) in items.enumerated() {
        guard
          let reader = MappingReader(
            item, subject: "a branch of \(subject)", allowed: DialogKeys.branch.keys, sink: sink)
        else { continue }
        guard let goto = reader.string("goto") else {
          sink.error(.missingBranchTarget, "this branch of \(subject) has no 'goto' target", at: reader.location)
          continue
        }
        let destination = target(goto.value, at: goto.location)
        if let condition = expression(reader, "when") {
          branches.append(
            Branch(
              condition: condition, target: destination, location: reader.location,
              dormant: dormant(reader, "this branch of \(subject)"), targetLocation: goto.location))
        } else if !reader.has("when") {
          if index != items.count - 1 {
            sink.error(
              .invalidValue, "a branch without 'when' always matches, so it must be the last one", at: reader.location)
          }
          fallback = destination
          fallbackLocation = goto.location
        }
      }
      return (branches, fallback, fallbackLocation)
    case .mapping:
      sink.error(
        .wrongType, "'next' in \(subject) must be a question id, 'end', or a list of branches", at: value.location)
      return ([], nil, nil)
    }
  }

  private func target(_ text: String, at location: SourceLocation) -> Target {
    text == "end" ? .end : .question(text)
  }

  // MARK: Settings, scoring and rules

  /// The clinic's settings: named values rules and conditions read (a blood-pressure limit,
  /// whether a rideshare with an escort is allowed). Each becomes a computed value that is a literal.
  private func readSettings(_ value: YAMLValue, into draft: inout Draft) {
    guard
      let reader = MappingReader(value, subject: "the settings file", allowed: DialogKeys.settingsFile.keys, sink: sink)
    else {
      return
    }
    for item in reader.list("settings", required: true) ?? [] {
      guard
        let itemReader = MappingReader(
          item, subject: "a setting", allowed: DialogKeys.setting.keys, sink: sink),
        let id = itemReader.string("id", required: true), let text = itemReader.string("value", required: true)
      else { continue }
      if draft.questions[id.value] != nil || draft.computed[id.value] != nil {
        sink.error(.duplicateID, "id '\(id.value)' is already used; ids must be unique", at: id.location)
        continue
      }
      let kind: Expression.Kind =
        switch text.value {
        case "true": .bool(true)
        case "false": .bool(false)
        default: Double(text.value).map(Expression.Kind.number) ?? .text(text.value)
        }
      draft.computed[id.value] = ComputedValue(
        id: id.value, label: itemReader.string("label")?.value ?? id.value,
        expression: Expression(kind: kind, location: text.location, source: text.value), summary: .none,
        location: id.location)
      draft.computedOrder.append(id.value)
    }
  }

  private func readScoring(_ value: YAMLValue, into draft: inout Draft) {
    guard
      let reader = MappingReader(value, subject: "the scoring file", allowed: DialogKeys.scoringFile.keys, sink: sink)
    else { return }
    for item in reader.list("computed") ?? [] {
      guard
        let itemReader = MappingReader(
          item, subject: "a computed value", allowed: DialogKeys.computed.keys, sink: sink),
        let id = itemReader.string("id", required: true),
        let expression = expression(itemReader, "value", required: true)
      else { continue }
      if draft.questions[id.value] != nil || draft.computed[id.value] != nil {
        sink.error(.duplicateID, "id '\(id.value)' is already used; ids must be unique", at: id.location)
        continue
      }
      draft.computed[id.value] = ComputedValue(
        id: id.value, label: itemReader.string("label")?.value ?? id.value, expression: expression,
        summary: readSummaryHeading(itemReader) ?? .none, location: id.location)
      draft.computedOrder.append(id.value)
    }
    for item in reader.list("instruments") ?? [] {
      guard
        let itemReader = MappingReader(item, subject: "an instrument", allowed: DialogKeys.instrument.keys, sink: sink),
        let id = itemReader.string("id", required: true)
      else { continue }
      if draft.instruments.contains(where: { $0.id == id.value }) {
        sink.error(.duplicateID, "instrument '\(id.value)' is declared twice", at: id.location)
      }
      var bands: [Band] = []
      for band in itemReader.list("bands", required: true) ?? [] {
        guard let bandReader = MappingReader(band, subject: "a band", allowed: DialogKeys.band.keys, sink: sink),
          let low = bandReader.number("min"), let high = bandReader.number("max"),
          let label = bandReader.string("label", required: true)
        else { continue }
        bands.append(Band(minimum: low.value, maximum: high.value, label: label.value))
      }
      let items = itemReader.strings("items") ?? []
      let keyItems = itemReader.strings("key_items") ?? []
      let total = itemReader.string("total", required: true)
      for reference in items + keyItems + (total.map { [$0] } ?? []) {
        pendingReferences.append(reference)
      }
      var unasked: [Located<String>] = []
      var unaskedWhy: String?
      if let value = itemReader.value("unasked_items"),
        let unaskedReader = MappingReader(
          value, subject: "'unasked_items' of an instrument", allowed: DialogKeys.unaskedItems.keys, sink: sink)
      {
        unasked = unaskedReader.strings("items") ?? []
        if unasked.isEmpty { _ = unaskedReader.list("items", required: true) }
        unaskedWhy = unaskedReader.string("why", required: true)?.value
        for item in unasked where !items.contains(where: { $0.value == item.value }) {
          sink.error(
            .unknownReference,
            "'unasked_items' of instrument '\(id.value)' lists '\(item.value)', which is not one of its items",
            at: item.location)
        }
      }
      var instrument = Instrument(
        id: id.value, title: itemReader.string("title", required: true)?.value ?? id.value,
        recall: itemReader.string("recall")?.value ?? "", items: items.map(\.value), total: total?.value ?? "",
        maximum: itemReader.number("max")?.value ?? 0, bands: bands, keyItems: keyItems.map(\.value),
        attribution: itemReader.string("attribution")?.value ?? "", location: id.location,
        condition: expression(itemReader, "when"), verbatim: itemReader.bool("verbatim")?.value ?? false,
        code: itemReader.value("code").flatMap { readCoding($0, subject: "the code of instrument '\(id.value)'") })
      instrument.totalLocation = total?.location
      instrument.unaskedItems = unasked.map(\.value)
      instrument.unaskedWhy = unaskedWhy
      draft.instruments.append(instrument)
    }
  }

  /// The keys an instrument may have (the scoring schema lists the same).
  /// `{ system, code, display }`: a code in a terminology, for FHIR.
  private func readCoding(_ value: YAMLValue, subject: String) -> Coding? {
    guard let reader = MappingReader(value, subject: subject, allowed: DialogKeys.coding.keys, sink: sink),
      let system = reader.string("system", required: true), let code = reader.string("code", required: true)
    else { return nil }
    return Coding(system: system.value, code: code.value, display: reader.string("display")?.value)
  }

  private func readRules(_ value: YAMLValue, into draft: inout Draft) {
    guard let reader = MappingReader(value, subject: "the rules file", allowed: DialogKeys.rulesFile.keys, sink: sink)
    else { return }
    // The ids read so far, asked about once per rule (a search of the list was quadratic).
    var categoryIDs = Set(draft.categories.map(\.id))
    var ruleIDs = Set(draft.rules.map(\.id))
    for item in reader.list("categories", required: true) ?? [] {
      guard
        let itemReader = MappingReader(
          item, subject: "a category", allowed: DialogKeys.category.keys, sink: sink),
        let id = itemReader.string("id", required: true)
      else { continue }
      if !categoryIDs.insert(id.value).inserted {
        sink.error(.duplicateID, "category '\(id.value)' is declared twice", at: id.location)
      }
      var clearance: BookingClearance?
      if let given = itemReader.string("before_booking") {
        clearance = BookingClearance(rawValue: given.value)
        if clearance == nil {
          sink.error(
            .invalidValue,
            "before_booking is who clears the finding before booking: "
              + BookingClearance.allCases.map(\.rawValue).joined(separator: " or "),
            at: given.location)
        }
      }
      draft.categories.append(
        Category(
          id: id.value, title: itemReader.string("title", required: true)?.value ?? id.value,
          rank: itemReader.int("rank", required: true)?.value ?? 0,
          outcome: itemReader.string("outcome", required: true)?.value ?? "", beforeBooking: clearance))
    }
    for item in reader.list("rules", required: true) ?? [] {
      guard
        let itemReader = MappingReader(
          item, subject: "a rule",
          allowed: DialogKeys.rule.keys, sink: sink),
        let id = itemReader.string("id", required: true)
      else { continue }
      if !ruleIDs.insert(id.value).inserted {
        sink.error(.duplicateID, "rule '\(id.value)' is declared twice", at: id.location)
      }
      let category = itemReader.string("category", required: true)
      if let category, !categoryIDs.contains(category.value) {
        sink.error(
          .unknownReference,
          "category '\(category.value)' is not declared"
            + suggestion(category.value, draft.categories.map(\.id), listing: true),
          at: category.location)
      }
      var escalation: Escalation?
      if let escalate = itemReader.value("escalate"),
        let escalateReader = MappingReader(
          escalate, subject: "'escalate' of rule '\(id.value)'", allowed: DialogKeys.escalate.keys, sink: sink)
      {
        let show = escalateReader.string("show")
        if let show { pendingTargets.append(show) }
        escalation = Escalation(
          tier: escalateReader.int("tier", required: true)?.value ?? 1, show: show?.value,
          alert: escalateReader.bool("alert")?.value ?? false)
      }
      var condition = expression(itemReader, "when", required: true)
      // `applies_when` says whom the rule is for; it must hold too, but its answers are not cited.
      var evidenceCondition: Expression? = nil
      if let scope = expression(itemReader, "applies_when"), let when = condition {
        evidenceCondition = when
        condition = Expression(
          kind: .binary(.and, scope, when), location: when.location, source: "(\(scope.source)) and (\(when.source))")
      }
      // A finding may leave out what was not asked: "[; when: {stroke_when}]" (brackets were shown
      // as typed in the note before).
      let finding = itemReader.value("finding").map {
        template($0, what: "finding of rule '\(id.value)'", segments: true)
      }
      if finding == nil { _ = itemReader.string("finding", required: true) }
      let questions = (itemReader.list("questions") ?? []).map {
        template($0, what: "a question of rule '\(id.value)'")
      }
      draft.rules.append(
        Rule(
          id: id.value, category: category?.value ?? "", condition: condition ?? placeholderExpression(id.location),
          evidenceCondition: evidenceCondition, finding: finding ?? Template(literal: ""), questions: questions,
          escalation: escalation, source: itemReader.string("source")?.value, location: id.location))
      // Findings said together: when this rule fires, the rules it names are not said apart.
      let replaced = itemReader.strings("replaces") ?? []
      draft.rules[draft.rules.count - 1].replaces = replaced.map(\.value)
      draft.rules[draft.rules.count - 1].dormant = dormant(itemReader, "rule '\(id.value)'")
      draft.replacedRules += replaced.map { (id.value, $0) }
    }
  }

  private func readSafety(_ value: YAMLValue, into draft: inout Draft) {
    guard
      let reader = MappingReader(
        value, subject: "a safety property", allowed: DialogKeys.safetyProperty.keys,
        sink: sink),
      let id = reader.string("id", required: true)
    else { return }
    if draft.safety.contains(where: { $0.id == id.value }) {
      sink.error(.duplicateID, "safety property '\(id.value)' is declared twice", at: id.location)
    }
    if reader.has("finished_includes") {
      let required = reader.strings("finished_includes") ?? []
      pendingReferences.items += required
      draft.safety.append(
        SafetyProperty(id: id.value, kind: .finishedIncludes(required.map(\.value)), location: id.location))
    } else if reader.has("next"), let condition = expression(reader, "after", required: true),
      let next = reader.string("next", required: true)
    {
      // The flow's own next question, not an interrupting message: "a plan the clinic cannot
      // accept is answered at once with the chance to change it".
      pendingReferences.items.append(next)
      draft.safety.append(
        SafetyProperty(
          id: id.value, kind: .interrupts(condition: condition, screen: next.value, alert: false),
          location: id.location))
    } else if let condition = expression(reader, "after", required: true),
      let show = reader.string("show", required: true)
    {
      pendingTargets.append(show)
      draft.safety.append(
        SafetyProperty(
          id: id.value,
          kind: .interrupts(condition: condition, screen: show.value, alert: reader.bool("alert")?.value ?? false),
          location: id.location))
    }
  }

  // MARK: Helpers

  /// Symbolic links in the folder that lead outside it, reported once each by `read()`.
  private let linksLeaving = PendingList()
  /// Files the manifest names, read and parsed ahead on every core (`prefetch`): parsing YAML
  /// was a third of reading a dialog, and the files are independent until they are read into
  /// the model, which stays in the manifest's order.
  private let parsed = ParsedFiles()
  /// Names in instrument definitions, checked once every question is known.
  private let pendingReferences = PendingList()
  /// Question ids named as escalation screens, checked once every question is known.
  private let pendingTargets = PendingList()
  /// The `specify` follow-ups of the options being read, taken by the question that holds them.
  private let pendingSpecify = PendingSpecify()

  var references: [Located<String>] { pendingReferences.items }

  /// A file the manifest names parsed ahead, with what parsing it reported, taken once; nil when
  /// it was not (or could not be read: whoever reads it says so).
  func prefetched(_ path: String) -> (YAMLValue?, [Diagnostic])? { parsed.take(path) }
  var escalationTargets: [Located<String>] { pendingTargets.items }

  private func expression(_ reader: MappingReader, _ key: String, required: Bool = false) -> Expression? {
    guard let value = reader.value(key) else {
      if required { _ = reader.string(key, required: true) }
      return nil
    }
    guard case .scalar(let text, let style, let location) = value else {
      sink.error(
        .wrongType, "'\(key)' must be an expression written as one value, not \(value.kindName)", at: value.location)
      return nil
    }
    let origin = style == .quoted ? location.advanced(by: 1) : location
    switch ExpressionParser.parse(text, at: origin) {
    case .success(let expression): return expression
    case .failure(let diagnostic):
      sink.report(diagnostic)
      return nil
    }
  }

  private func placeholderExpression(_ location: SourceLocation) -> Expression {
    Expression(kind: .bool(false), location: location, source: "false")
  }

  private func template(_ value: YAMLValue, what: String, segments: Bool = false) -> Template {
    guard case .scalar(let text, let style, let location) = value else {
      sink.error(.wrongType, "\(what) must be text, not \(value.kindName)", at: value.location)
      return Template(literal: "")
    }
    return Template.parse(text, at: location, quoted: style == .quoted, segments: segments, sink: sink)
  }
}

/// An option's `specify: <question>`: the text of the follow-up asked when it is chosen.
struct SpecifyFollowUp {
  var option: String
  var text: String
  var location: SourceLocation
}

/// The `specify` follow-ups read with a question's options, until the question takes them.
final class PendingSpecify {
  var items: [SpecifyFollowUp] = []
  func take() -> [SpecifyFollowUp] {
    defer { items = [] }
    return items
  }
}

/// A reference-typed list so `DialogReader`'s read methods can stay non-mutating.
final class PendingList {
  var items: [Located<String>] = []
  func append(_ item: Located<String>) { items.append(item) }
}

extension DialogReader {
  /// `dormant: <why>`: the reason, which must be written out (it is what a later author reads).
  func dormant(_ reader: MappingReader, _ subject: String) -> String? {
    guard let reason = reader.string("dormant") else { return nil }
    guard !reason.value.trimmingSpaces().isEmpty else {
      sink.error(
        .invalidValue, "'dormant' of \(subject) must say why it may never happen (a sentence for the next author)",
        at: reason.location)
      return nil
    }
    return reason.value
  }
}

func isIdentifier(_ text: String) -> Bool {
  // Bytes, not Unicode's property tables: every id of a dialog is asked about.
  func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
  guard let first = text.utf8.first, isLetter(first) else { return false }
  return text.utf8.allSatisfy {
    isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
  }
}

/// "; did you mean 'x'?" when a candidate is close, else nothing (or the list, when asked).
func suggestion(_ word: String, _ candidates: [String], listing: Bool = false) -> String {
  if let match = closestMatch(to: word, in: candidates) { return "; did you mean '\(match)'?" }
  if listing, !candidates.isEmpty { return "; expected one of: \(candidates.sorted().joined(separator: ", "))" }
  return ""
}

/// Dialog files parsed ahead by `DialogReader.prefetch` (written from its threads), each taken
/// once by `load`.
private final class ParsedFiles: @unchecked Sendable {
  // Guarded by `lock`.
  private var byPath: [String: (YAMLValue?, [Diagnostic])] = [:]
  private let lock = NSLock()

  func keep(_ path: String, _ value: YAMLValue?, _ diagnostics: [Diagnostic]) {
    lock.withLock { byPath[path] = (value, diagnostics) }
  }

  /// The parsed file, once: a second `load` of the same path reads it again, as before.
  func take(_ path: String) -> (YAMLValue?, [Diagnostic])? { lock.withLock { byPath.removeValue(forKey: path) } }
}
