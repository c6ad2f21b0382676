import ArgumentParser
import Foundation
import IntakeCommandLine
import IntakeKit
import IntakeStore
import IntakeTerminal

struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Replay transcripts against a dialog, show the first divergence, and report coverage.",
    discussion: """
      With no paths, replays every *.transcript under the dialog's transcripts/ folder. A folder \
      path means every transcript under it. Each journey's length is shown (screens, and minutes \
      at 8 s a question screen, 4 s an information screen), with the median of those that go to \
      the end. Exits 1 when any transcript fails, coverage is below --min-coverage, or (with no \
      paths) the dialog's estimated_minutes differs from that median.
      """
  )

  @Argument(help: "Transcript files or folders.")
  var paths: [String] = []

  @Option(
    name: .customLong("dialog"),
    help: ArgumentHelp(
      "The dialog folder (default: the dialog whose transcripts/ folder holds the first transcript given, else \(DialogDiagnostics.defaultDialog)).",
      valueName: "dir"))
  var dialogFolder: String?

  /// The dialog: given, or the one whose transcripts/ folder the first transcript is in (an
  /// author's `intake test mydialog/transcripts/07.transcript` needs no --dialog).
  var dialog: String {
    if let dialogFolder { return dialogFolder }
    if let first = paths.first {
      var folder = URL(fileURLWithPath: first).standardizedFileURL
      // A file or a folder inside `<dialog>/transcripts/`, at any depth.
      while folder.path != "/" {
        if folder.lastPathComponent == "transcripts",
          FileManager.default.fileExists(
            atPath: folder.deletingLastPathComponent().appendingPathComponent("dialog.yaml").path)
        {
          return folder.deletingLastPathComponent().path
        }
        folder = folder.deletingLastPathComponent()
      }
    }
    return DialogDiagnostics.defaultDialog
  }

  @Flag(help: "Rewrite each transcript with what the kiosk shows now, and re-bless its expectations.")
  var update = false

  @Flag(
    help:
      "With --update, also rewrite journeys whose ending, outcome, findings or escalations changed (without it they are listed and left alone)."
  )
  var acceptOutcomeChanges = false

  @Option(
    name: .customLong("answer"),
    help: ArgumentHelp(
      "What a journey types at a question it has no line for (a question inserted since it was recorded); repeat for more questions.",
      valueName: "question=text"))
  var answerOptions: [String] = []

  /// `--answer` as question id to text.
  func answers(_ dialog: Dialog) throws -> [String: String] {
    var answers: [String: String] = [:]
    for option in answerOptions {
      guard let equals = option.firstIndex(of: "=") else {
        throw ValidationError("write --answer QUESTION=TEXT, for example --answer pain_sites=none")
      }
      let id = String(option[..<equals]).trimmingSpaces()
      guard dialog.questions[id] != nil else {
        throw ValidationError("--answer: the dialog has no question '\(id)'")
      }
      answers[id] = String(option[option.index(after: equals)...])
    }
    return answers
  }

  @Flag(help: "Print the results as JSON.")
  var json = false

  @Option(help: ArgumentHelp("Fail when coverage is below this percentage.", valueName: "pct"))
  var minCoverage: Double?

  @Option(
    help: ArgumentHelp(
      "Write a small set of transcripts that together cover every reachable branch into this folder.",
      valueName: "dir"))
  var generate: String?

  func run() throws {
    let dialog = self.dialog
    // Errors stop the replay; advice for the author (reading level and the like) is `intake check`'s.
    if let generate {
      return try generateTranscripts(try DialogDiagnostics.load(dialog, checks: .errorsOnly), into: generate)
    }
    let found = Result { try TranscriptFiles.find(paths.isEmpty ? [dialog + "/transcripts"] : paths) }
    // The transcripts are read and parsed while the dialog loads, on every core: they do not
    // need it, and the load leaves the second core idle for most of its time.
    // None to read when finding them failed: that is reported after the dialog's errors.
    let files: [String]
    if case .success(let all) = found { files = all } else { files = [] }
    let work = LoadAndRead(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count + 1) { part in
      if part == 0 {
        let loaded = Result { try DialogDiagnostics.load(dialog, checks: .errorsOnly) }
        // The coverage's items are listed here too, while the other core reads transcripts:
        // listed after, they were a millisecond with the other core idle.
        if case .success(let ready) = loaded { work.coverage = Coverage(dialog: ready) }
        work.loaded = loaded
      } else {
        work.store(Self.read(files[part - 1]), at: part - 1)
      }
    }
    // The dialog's errors first, as before: they are the cause of what follows.
    guard let loading = work.loaded else {
      throw CommandFailure(message: "intake: the dialog was not read", code: CommandFailure.dialogErrors)
    }
    let loaded = try loading.get()
    let transcripts = try found.get()
    let read = work.read.compactMap { $0 }
    guard !transcripts.isEmpty else {
      throw CommandFailure(
        message:
          "intake: no transcripts found in \(paths.isEmpty ? dialog + "/transcripts" : paths.joined(separator: " "))",
        code: CommandFailure.testsFailed)
    }
    let errors = ScreenWriter.standardError()
    let showProgress = transcripts.count >= 5 && errors.isTerminal && !json
    var coverage = work.coverage ?? Coverage(dialog: loaded)
    let answers = try self.answers(loaded)
    // Transcripts are journeys of their own, sharing only their parses (`ParseMemo`: parsing is
    // pure): they are replayed on every core at once, their reports gathered in the order of the
    // files and what they covered as one set, so the output is the same.
    let results = ReplayResults(count: transcripts.count)
    // The longest first: each core takes the next when it is free, so the last to start are
    // short and the cores finish together (the longest last kept one core busy alone at the end).
    let longestFirst = read.indices.sorted { read[$0].length > read[$1].length }
    // Journeys type the same lines at the same questions ("no", "0"): each is parsed once.
    let parses = ParseMemo()
    DispatchQueue.concurrentPerform(iterations: transcripts.count) { turn in
      let index = longestFirst[turn]
      let path = transcripts[index]
      let result = Result { () throws(CommandFailure) in
        try replay(read[index], dialog: loaded, answers: answers, parses: parses)
      }
      let done = results.store(result, at: index)
      if showProgress { errors.write("\r[\(done)/\(transcripts.count)] \(path)\u{1B}[K") }
    }
    if showProgress { errors.write("\r\u{1B}[K") }
    var reports: [TranscriptReport] = []
    for result in results.all { reports.append(try result.get()) }
    coverage.record(items: results.covered)
    if let firedOnEvery = results.firedEverywhere {
      coverage.record(
        items: Coverage.ruleItems(of: loaded, firedOnSome: results.firedSomewhere, firedOnEvery: firedOnEvery))
    }
    // What no transcript reaches may be unreachable: ask path analysis for the proof, when the
    // coverage figure counts (all the dialog's journeys, or a --min-coverage to meet). Replaying
    // one journey to see it pass never costs more than replaying them all.
    // What the clinic's settings switch off is proved by the settings alone: the analysis is
    // asked only about the rest, when any is left (it was a few milliseconds on one core).
    let provesCoverage = paths.isEmpty || minCoverage != nil
    if provesCoverage, !coverage.missing.isEmpty {
      coverage.excludeSettled(in: loaded)
      let missing = Set(coverage.missing.map(\.key))
      if !missing.isEmpty {
        coverage.exclude(
          provedBy: PathAnalysis(dialog: loaded, clock: .fixed(Date(), timeZone: .current), proving: missing))
      }
    }
    let failed = reports.filter { !$0.passed }.count
    let belowBar = minCoverage.map { coverage.percent < $0 } ?? false
    // The dialog's estimate is measured against its own journeys, not against any transcripts given.
    let length = LengthReport(
      reports: reports, dialog: loaded, manifest: dialog + "/dialog.yaml", checksEstimate: paths.isEmpty)
    let output = ScreenWriter(wraps: false)
    if json {
      output.write(
        try TestReport(transcripts: reports, coverage: coverage, minimum: minCoverage, length: length).json())
    } else {
      // One wording change seen by many journeys is shown once, with the journeys it affects.
      let groups = Dictionary(grouping: reports.filter { $0.changeKey != nil }) { $0.changeKey ?? "" }
      var shown = Set<String>()
      for report in reports {
        guard let key = report.changeKey, let group = groups[key], group.count > 1 else {
          output.write(report.text)
          continue
        }
        if shown.insert(key).inserted {
          output.write(report.text(sameIn: group.count - 1))
        } else {
          output.write(report.text(sameAs: group[0].path))
        }
      }
      output.write(
        "\n\(reports.count) transcript\(reports.count == 1 ? "" : "s"): \(reports.count - failed) passed, \(failed) failed"
          + (update ? " (updated)" : "") + "\n")
      output.write(length.text)
      output.write(CoverageReport.text(coverage, minimum: minCoverage, proved: provesCoverage))
    }
    // Everything is said: leave now, as `main` would with this code. Freeing the dialog and
    // every journey's report and coverage on the way out took about 3 ms on one core.
    Foundation.exit(failed > 0 || belowBar || length.problem != nil ? CommandFailure.testsFailed : 0)
  }

  /// Writes path analysis's witnesses, and journeys that choose every option, as transcripts:
  /// each named after the answers that make it that journey (not after what it was searched for,
  /// which a later edit can make untrue); prints the coverage they reach together.
  private func generateTranscripts(_ dialog: Dialog, into folder: String) throws {
    let clock = SessionClock.fixed(Date(), timeZone: .current)
    var analysis = PathAnalysis(dialog: dialog, clock: clock)
    analysis.coverOptions()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var coverage = Coverage(dialog: dialog)
    let output = ScreenWriter(wraps: false)
    var names = Set<String>()
    let distinctive = analysis.distinctiveAnswers(of: analysis.witnesses.map(\.inputs))
    for (index, witness) in analysis.witnesses.enumerated() {
      let answers = distinctive[index]
      var name = GeneratedName.slug(answers.prefix(3).map { "\($0.place) \($0.typed)" }.joined(separator: " "))
      if name.isEmpty { name = "usual-answers" }
      while !names.insert(name).inserted { name += "-again" }
      let path = folder + "/" + String(format: "%02d-", index + 1) + name + ".transcript"
      let said =
        answers.isEmpty
        ? "the answers most of these journeys give"
        : answers.prefix(8).map { "\($0.place): \($0.typed)" }.joined(separator: "; ")
          + (answers.count > 8 ? "; and \(answers.count - 8) more" : "")
      let transcript = analysis.transcript(
        for: witness.inputs,
        comment: "Generated by intake test --generate. Answers: \(said). Made to reach: "
          + GeneratedName.target(witness.target, in: coverage) + ". Read it, adjust it, keep it.")
      try transcript.text.write(toFile: path, atomically: true, encoding: .utf8)
      coverage.record(
        Transcript.play(
          witness.inputs.map(KioskScreen.Input.line), dialog: dialog, clock: clock, staffResumesHolds: true,
          withLanguage: true
        ).session)
      output.write("wrote \(path)\n")
    }
    if !coverage.missing.isEmpty {
      coverage.exclude(
        provedBy: PathAnalysis(dialog: dialog, clock: clock, proving: Set(coverage.missing.map(\.key))))
    }
    output.write("\n\(analysis.witnesses.count) transcripts written to \(folder)\n")
    output.write(CoverageReport.text(coverage, minimum: nil))
    for diagnostic in analysis.diagnostics { output.write(diagnostic.description + "\n") }
  }

  /// A transcript file read and parsed, or the report of why it could not be.
  private static func read(_ path: String) -> ReadTranscript {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      return .failed(TranscriptReport(path: path, passed: false, problems: ["\(path):1: error: cannot read this file"]))
    }
    do {
      return .parsed(try Transcript.parse(text, path: path), path: path, text: text)
    } catch {
      return .failed(TranscriptReport(path: path, passed: false, problems: [error.description]))
    }
  }

  /// One transcript's report, and what its journey covered (nothing when it did not get as far
  /// as replaying).
  private func replay(
    _ read: ReadTranscript, dialog: Dialog, answers: [String: String], parses: ParseMemo
  ) throws(CommandFailure) -> (TranscriptReport, Covered?) {
    let (transcript, path, text): (Transcript, String, String)
    switch read {
    case .failed(let report): return (report, nil)
    case .parsed(let parsed, let at, let written): (transcript, path, text) = (parsed, at, written)
    }
    guard transcript.dialogID == dialog.id else {
      return (
        TranscriptReport(
          path: path, passed: false,
          problems: ["\(path):1: error: recorded for dialog '\(transcript.dialogID)', not '\(dialog.id)'"]), nil
      )
    }
    let replay = Replay(transcript, path: path, dialog: dialog, answers: answers, parses: parses)
    // The rules' keys are worked out once for every journey (`ReplayResults`), from the rules each fired.
    let covered = Covered(path: Coverage.pathItems(coveredBy: replay.session), fired: replay.fired)
    // The journey's answers, matched to the questions by id: what it lacks, what it no longer
    // needs, what `--answer` gave it.
    var alignment: [String] = []
    if let missing = replay.missingAnswerText(dialog: dialog) {
      let id = replay.missingAnswer?.place.questionID ?? "question"
      alignment.append(
        "\(path): \(missing): give one with --answer \(id)=TEXT (every journey that reaches it types it), "
          + "or add '>[\(replay.missingAnswer?.place.description ?? id)] TEXT' to this transcript before the "
          + "screen answered at line \(replay.missingAnswer?.line ?? 0)"
      )
    }
    for unknown in replay.unknownScreens { alignment.append("\(path):\(unknown.line): \(unknown.message)") }
    for dropped in replay.droppedAnswers {
      alignment.append(
        "\(path):\(dropped.line): '\(dropped.typed)' was typed at \(dropped.place), which the kiosk no longer shows on this journey; left out"
      )
    }
    for filled in replay.filledAnswers {
      alignment.append("\(path): typed '\(filled.typed)' at \(filled.place) (--answer)")
    }
    let changed =
      replay.outcomeChanges.isEmpty ? nil : "the outcome changed: " + replay.outcomeChanges.joined(separator: "; ")
    if update, replay.missingAnswer != nil {
      return (TranscriptReport(path: path, passed: false, problems: alignment.map { "not updated: " + $0 }), covered)
    }
    if update, let changed, !acceptOutcomeChanges {
      // Never re-blessed quietly: an answer that now lands on another question changes outcomes.
      return (
        TranscriptReport(
          path: path, passed: false,
          problems: alignment + [
            "\(path): not updated: \(changed). Check that each typed line still answers the question it was "
              + "meant for, then run again with --update --accept-outcome-changes to keep the new outcome."
          ]), covered
      )
    }
    if update {
      do {
        try replay.updated.text.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw CommandFailure(message: "intake: cannot write '\(path)'", code: CommandFailure.dataFolder)
      }
      return (
        TranscriptReport(
          path: path, passed: true, updated: replay.updated.text != text, problems: alignment,
          length: replay.length, untypical: transcript.untypicalLength), covered
      )
    }
    var report = TranscriptReport(
      path: path, passed: replay.passed, note: replay.versionNote, length: replay.length,
      untypical: transcript.untypicalLength)
    // What changed for the patient comes before any difference of wording.
    if let changed { report.problems.append("\(path): \(changed)") }
    report.problems += alignment
    if let divergence = replay.divergence {
      report.problems.append("\(path):\(divergence.line): \(divergence.message)")
      report.diff = divergence.diff
      report.divergenceLine = divergence.line
    }
    for mismatch in replay.mismatches { report.problems.append("\(path):\(mismatch.line): \(mismatch.message)") }
    return (report, covered)
  }
}

/// What `intake test` replays at once: each transcript's result in its file's place, written
/// from the threads that replay them.
/// A transcript file read and parsed, or the report of why it could not be.
private enum ReadTranscript: Sendable {
  case parsed(Transcript, path: String, text: String)
  case failed(TranscriptReport)

  /// How long replaying it takes, roughly: its lines.
  var length: Int {
    switch self {
    case .parsed(let transcript, _, _): transcript.lines.count
    case .failed: 0
    }
  }
}

/// What `TestCommand.run` works out on every core at once: the dialog, and the transcripts read.
private final class LoadAndRead: @unchecked Sendable {
  // Written by one thread, read after `concurrentPerform` returns.
  var loaded: Result<Dialog, any Error>?
  /// The loaded dialog's coverage items, none recorded yet. Written and read as `loaded` is.
  var coverage: Coverage?
  // Guarded by `lock` while the threads write it; read after `concurrentPerform` returns.
  private(set) var read: [ReadTranscript?]
  private let lock = NSLock()

  init(count: Int) { read = Array(repeating: nil, count: count) }

  /// Keeps transcript `index` as read.
  func store(_ transcript: ReadTranscript, at index: Int) {
    lock.withLock { read[index] = transcript }
  }
}

/// What one journey covered: its path's coverage keys, and the rules it fired.
private struct Covered: Sendable {
  var path: Set<String>
  var fired: Set<String>
}

private final class ReplayResults: @unchecked Sendable {
  // Guarded by `lock`.
  private var results: [Result<TranscriptReport, CommandFailure>?]
  private var coveredKeys = Set<String>()
  private var firedOnSome = Set<String>()
  private var firedOnEvery: Set<String>?
  private var finished = 0
  private let lock = NSLock()

  init(count: Int) { results = Array(repeating: nil, count: count) }

  /// Keeps one journey's report, and what it covered with what the others did (on the thread
  /// that replayed it: gathering them all after the journeys was a few milliseconds on one
  /// core); how many are done, with it.
  func store(_ result: Result<(TranscriptReport, Covered?), CommandFailure>, at index: Int) -> Int {
    lock.withLock {
      switch result {
      case .success(let (report, covered)):
        results[index] = .success(report)
        if let covered {
          coveredKeys.formUnion(covered.path)
          firedOnSome.formUnion(covered.fired)
          firedOnEvery = firedOnEvery?.intersection(covered.fired) ?? covered.fired
        }
      case .failure(let failure):
        results[index] = .failure(failure)
      }
      finished += 1
      return finished
    }
  }

  /// Every report, in the files' order (each index was stored once `concurrentPerform` returned).
  var all: [Result<TranscriptReport, CommandFailure>] {
    lock.withLock { results.compactMap { $0 } }
  }

  /// The coverage keys of every journey's path (`Coverage.pathItems`).
  var covered: Set<String> { lock.withLock { coveredKeys } }

  /// The rules some journey fired.
  var firedSomewhere: Set<String> { lock.withLock { firedOnSome } }

  /// The rules every journey fired; nil when no journey was replayed.
  var firedEverywhere: Set<String>? { lock.withLock { firedOnEvery } }
}

/// A file name from words: lower case, letters and digits, one dash between, at most 60.
enum GeneratedName {
  /// What a generated journey was made to reach, in words: "'pain_now' shown", "branch 1 of
  /// 'reason' (…) true", "rule 'severe_pain' firing", or "options not chosen before".
  static func target(_ key: String, in coverage: Coverage) -> String {
    guard key != "options" else { return "options no other journey chose" }
    guard let item = coverage.items.first(where: { $0.key == key }) else { return key }
    // The item's description says what was missing ("... never shown"): say what is reached.
    return item.description.replacingOccurrences(of: " never seen ", with: " ")
      .replacingOccurrences(of: " never ", with: " ")
  }

  static func slug(_ words: String) -> String {
    var slug = ""
    for character in words.lowercased() {
      if character.isASCII, character.isLetter || character.isNumber {
        slug.append(character)
      } else if character == "_" {
        slug.append("_")
      } else if !slug.isEmpty, slug.last != "-" {
        slug.append("-")
      }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    return String(slug.prefix(60)).trimming(charactersIn: "-")
  }
}

/// Finds transcript files: paths as given, folders searched for `*.transcript`, sorted.
enum TranscriptFiles {
  static let fileExtension = "transcript"

  static func find(_ paths: [String]) throws -> [String] {
    var found: [String] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw CommandFailure(message: "intake: no such file or folder: \(path)", code: CommandFailure.testsFailed)
      }
      if !isFolder.boolValue {
        found.append(path)
        continue
      }
      search(path, into: &found)
    }
    return found.sorted()
  }

  /// Every `*.transcript` under `folder`, its subfolders searched too but not followed through
  /// links, as `FileManager`'s enumerator finds them. Read with `readdir`: the enumerator made a
  /// URL and rewrote a path for every entry, a millisecond before any journey could start.
  private static func search(_ folder: String, into found: inout [String]) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      let path = folder + "/" + name
      var isFolder = entry.pointee.d_type == DT_DIR
      if entry.pointee.d_type == DT_UNKNOWN {
        var status = stat()
        isFolder = lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
      }
      if isFolder {
        search(path, into: &found)
      } else if name.hasSuffix("." + fileExtension) {
        found.append(path)
      }
    }
  }
}

/// One transcript's result, for text and JSON output.
struct TranscriptReport: Encodable {
  var path: String
  var passed: Bool
  var updated: Bool?
  var note: String?
  var problems: [String] = []
  var diff: [String]?
  var divergenceLine: Int?
  /// The screens the patient answered and read, and the minutes at a patient's pace.
  var length: SessionLength?

  /// Why this journey is not a typical length (its `length:` header), if it says.
  var untypical: String?

  /// The first line that changed, as the transcript had it and as the kiosk shows it now: what
  /// makes journeys fail for the same cause (the lines after it hold each patient's own answers).
  var changeKey: String? {
    guard let diff, let old = diff.first(where: { $0.hasPrefix("- ") }),
      let new = diff.first(where: { $0.hasPrefix("+ ") })
    else { return nil }
    return old + "\n" + new
  }

  /// The report, saying that `others` more journeys differ the same way.
  func text(sameIn others: Int) -> String {
    text + "    (the same difference in \(others) more journey\(others == 1 ? "" : "s"), listed below)\n"
  }

  /// The report without its diff: the same as `path`'s, shown above.
  func text(sameAs first: String) -> String {
    var copy = self
    copy.diff = ["(the same difference as \(first), shown above)"]
    return copy.text
  }

  var text: String {
    if let updated {
      return ([(updated ? "UPDATED " : "SAME    ") + path] + problems.map { "  " + $0 }).joined(separator: "\n") + "\n"
    }
    let measured = length.map {
      "  (\($0.screens) screens: \($0.questionScreens) question\($0.questionScreens == 1 ? "" : "s"), "
        + "\($0.informationScreens) information; "
        + "about \($0.minutes) min\($0.finished ? "" : ", not to the end")"
        + (untypical.map { "; not counted in the length: \($0)" } ?? "") + ")"
    }
    var lines = [(passed ? "PASS " : "FAIL ") + path + (measured ?? "") + (note.map { "  (\($0))" } ?? "")]
    lines += problems.map { "  " + $0 }
    lines += (diff ?? []).map { "    " + $0 }
    return lines.joined(separator: "\n") + "\n"
  }
}

struct TestReport: Encodable {
  struct CoverageSummary: Encodable {
    var percent: Double
    var covered: Int
    var total: Int
    var minimum: Double?
    var byKind: [String: [String: Int]]
    var missing: [Missing]
  }

  struct Missing: Encodable {
    var location: String
    var kind: String
    var key: String
    var description: String
  }

  var transcripts: [TranscriptReport]
  var coverage: CoverageSummary
  var length: LengthReport

  init(transcripts: [TranscriptReport], coverage: Coverage, minimum: Double?, length: LengthReport) {
    self.transcripts = transcripts
    self.length = length
    var byKind: [String: [String: Int]] = [:]
    for kind in Coverage.Kind.allCases {
      let counts = coverage.counts(kind)
      byKind[kind.rawValue] = ["covered": counts.covered, "total": counts.total]
    }
    self.coverage = CoverageSummary(
      percent: (coverage.percent * 10).rounded() / 10, covered: coverage.coveredCount, total: coverage.reachableCount,
      minimum: minimum, byKind: byKind,
      missing: coverage.missing.map {
        Missing(location: $0.location.description, kind: $0.kind.rawValue, key: $0.key, description: $0.description)
      })
  }

  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}

/// How long the journeys that went all the way through take, and whether the dialog's own
/// estimate (`estimated_minutes`, which the welcome pipes) still says so.
struct LengthReport: Encodable {
  var finished: Int
  var medianScreens: Int?
  var medianMinutes: Int?
  var longestScreens: Int?
  var longest: String?
  var estimatedMinutes: Int?
  var problem: String?

  var maximumScreens: Int?
  var budgetMedianScreens: Int?
  var untypical: Int

  init(reports: [TranscriptReport], dialog: Dialog, manifest: String, checksEstimate: Bool) {
    let measured = reports.filter { $0.untypical == nil }.compactMap { report in report.length.map { (report.path, $0) }
    }
    .filter { $0.1.finished }
    untypical = reports.filter { $0.untypical != nil && $0.length?.finished == true }.count
    finished = measured.count
    let screens = measured.map(\.1.screens).sorted()
    medianScreens = screens.isEmpty ? nil : screens[screens.count / 2]
    medianMinutes = SessionLength.medianMinutes(measured.map(\.1))
    let longestOne = measured.max { $0.1.screens < $1.1.screens }
    longestScreens = longestOne?.1.screens
    longest = longestOne?.0
    estimatedMinutes = dialog.estimatedMinutes
    if checksEstimate, let said = dialog.estimatedMinutes, let measuredMinutes = medianMinutes, said != measuredMinutes
    {
      problem =
        "\(manifest): error: estimated_minutes is \(said), but the journeys that go to the end take a median of "
        + "about \(measuredMinutes) minutes (\(SessionLength.secondsPerQuestion) s a question screen, "
        + "\(SessionLength.secondsPerInformation) s an information screen): set estimated_minutes: \(measuredMinutes)"
    }
    // The dialog's length budget, over the same journeys.
    guard checksEstimate, let budget = dialog.lengthBudget else { return }
    maximumScreens = budget.maximumScreens
    budgetMedianScreens = budget.medianScreens
    var over: [String] = []
    if let maximum = budget.maximumScreens {
      over += measured.filter { $0.1.screens > maximum }.map {
        "\($0.0): error: \($0.1.screens) screens, over the dialog's length budget of \(maximum) (\(manifest))"
      }
    }
    if let median = budget.medianScreens, let measuredMedian = medianScreens, measuredMedian > median {
      over.append(
        "\(manifest):\(budget.location.line):\(budget.location.column): error: the journeys that go to the end take "
          + "a median of \(measuredMedian) screens, over the length budget's median of \(median)")
    }
    if !over.isEmpty { problem = ([problem].compactMap { $0 } + over).joined(separator: "\n") }
  }

  var text: String {
    guard let medianScreens, let medianMinutes, let longestScreens, let longest else {
      return "length: no journey goes to the end\n"
    }
    var lines = [
      "length: \(finished) \(finished == 1 ? "journey goes" : "journeys go") to the end: median \(medianScreens) screens, about \(medianMinutes) min; "
        + "longest \(longestScreens) screens (\(longest))"
        + (untypical > 0 ? "; \(untypical) marked 'length:' not counted" : "")
        + (maximumScreens.map { "; budget \($0) at most" } ?? "")
        + (budgetMedianScreens.map { ", median \($0) at most" } ?? "")
    ]
    if let problem { lines.append(problem) }
    return lines.joined(separator: "\n") + "\n"
  }
}

enum CoverageReport {
  /// `proved`: path analysis was asked which missing items cannot be reached (left out of the
  /// count); without it the missing list may hold some.
  static func text(_ coverage: Coverage, minimum: Double?, proved: Bool = true) -> String {
    let kinds = Coverage.Kind.allCases.map { kind -> String in
      let counts = coverage.counts(kind)
      return "\(kind.rawValue)s \(counts.covered)/\(counts.total)"
    }
    var lines = [
      String(format: "coverage: %.1f%% (%d of %d): ", coverage.percent, coverage.coveredCount, coverage.reachableCount)
        + kinds.joined(separator: ", ")
    ]
    let unreachable = coverage.provedUnreachable
    if !unreachable.isEmpty {
      lines.append("meant never to happen (not counted):")
      lines += unreachable.map {
        "  \($0.location): \($0.description) (\(coverage.intended[$0.key] ?? "dormant"))"
      }
    }
    if let minimum, coverage.percent < minimum {
      lines.append(String(format: "coverage is below the minimum of %.1f%%", minimum))
    }
    let dead = coverage.dead
    let missing = coverage.missing.filter { !dead.contains($0.key) }
    if !dead.isEmpty {
      lines.append(
        "can never happen, and nothing marks it as meant (counted as not covered; fix the condition, or mark it 'dormant: <why>'):"
      )
      lines += coverage.provedDead.map { "  \($0.location): \($0.description)" }
    }
    if !missing.isEmpty {
      lines.append(
        proved
          ? "not covered:"
          : "not covered (some may be impossible: replay all the journeys, or give --min-coverage, to have path analysis leave those out):"
      )
      lines += missing.map { "  \($0.location): \($0.description)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
