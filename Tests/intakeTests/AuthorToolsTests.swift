import Foundation
import IntakeTestSupport
import Testing

/// `intake test` and `intake graph` as an author runs them.
@Suite struct AuthorToolsTests {
  static let shipped = "Dialogs/ketamine-intake"

  func copyOfShippedDialog() throws -> URL {
    let folder = try IntakeBinary.temporaryFolder().appendingPathComponent("dialog")
    try FileManager.default.copyItem(
      at: TestSupport.repositoryRoot.appendingPathComponent(Self.shipped), to: folder)
    return folder
  }

  @Test func theShippedTranscriptsPassWithFullCoverage() throws {
    let run = try IntakeBinary.run(["test", "--min-coverage", "100"])
    #expect(run.status == 0, "\(run.output.suffix(800))")
    #expect(run.output.contains(" transcripts: 0 failed") == false)
    #expect(run.output.range(of: #"\n(\d+) transcripts: \1 passed, 0 failed\n"#, options: .regularExpression) != nil)
    #expect(run.output.contains("\ncoverage: 100.0% ("))
    // Each journey's length, and the median the welcome's estimate must match.
    #expect(
      run.output.range(
        of: #"  \(\d+ screens: \d+ questions, \d+ information; about \d+ min\)"#, options: .regularExpression) != nil)
    #expect(
      run.output.range(of: #"\nlength: \d+ journeys go to the end: median \d+ screens"#, options: .regularExpression)
        != nil)
  }

  /// The second run reads the checked dialog the first saved (`CompiledDialogCache`), and the
  /// journeys replay exactly as they do from the dialog's files.
  @Test func theJourneysReplayAlikeFromTheSavedDialog() throws {
    let cache = try IntakeBinary.temporaryFolder().appendingPathComponent("cache")
    let withCache = ["INTAKE_CACHE_DIR": cache.path]
    let first = try IntakeBinary.run(["test", "--dialog", Self.shipped], extraEnvironment: withCache)
    let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path)
    #expect(entries.count == 1 && entries[0].hasSuffix(".dialog"))
    let entry = cache.appendingPathComponent(entries[0]).path
    let saved = try FileManager.default.attributesOfItem(atPath: entry)[.modificationDate] as? Date
    let second = try IntakeBinary.run(["test", "--dialog", Self.shipped], extraEnvironment: withCache)
    let without = try IntakeBinary.run(["test", "--dialog", Self.shipped], extraEnvironment: ["INTAKE_CACHE_DIR": ""])
    #expect(first.status == 0 && second.status == 0 && without.status == 0, "\(second.output.suffix(800))")
    #expect(second.output == without.output)
    #expect(first.output == without.output)
    // Read, not written again.
    #expect(try FileManager.default.attributesOfItem(atPath: entry)[.modificationDate] as? Date == saved)
  }

  /// A relative cache folder is made in the current folder.
  @Test func aRelativeCacheFolderIsMadeInTheCurrentFolder() throws {
    let here = try IntakeBinary.temporaryFolder()
    let dialog = TestSupport.repositoryRoot.appendingPathComponent(Self.shipped).path
    let run = try IntakeBinary.run(
      ["test", "--dialog", dialog, "--min-coverage", "0"], extraEnvironment: ["INTAKE_CACHE_DIR": "made/cache"],
      directory: here)
    #expect(run.status == 0, "\(run.output.suffix(400))")
    let entries = try FileManager.default.contentsOfDirectory(atPath: here.appendingPathComponent("made/cache").path)
    #expect(entries.count == 1)
  }

  /// The welcome says how long the intake takes; when the journeys say otherwise, the test fails.
  @Test func aWrongEstimateOfMinutesFailsTheTest() throws {
    let dialog = try copyOfShippedDialog()
    let manifest = dialog.appendingPathComponent("dialog.yaml")
    let text = try String(contentsOf: manifest, encoding: .utf8)
    let line = try #require(text.range(of: #"estimated_minutes: \d+"#, options: .regularExpression))
    try text.replacingCharacters(in: line, with: "estimated_minutes: 3").write(
      to: manifest, atomically: true, encoding: .utf8)
    let run = try IntakeBinary.run(["test", "--dialog", dialog.path])
    #expect(run.status == 1)
    #expect(
      run.output.contains("error: estimated_minutes is 3, but the journeys that go to the end take a median of about"))
  }

  /// The dialog's length budget holds over its journeys: a smaller one fails the test and names
  /// each journey over it; a journey marked `length:` is left out and says so.
  @Test func aLengthBudgetFailsLongerJourneysAndLeavesOutAMarkedOne() throws {
    let dialog = try copyOfShippedDialog()
    let manifest = dialog.appendingPathComponent("dialog.yaml")
    let text = try String(contentsOf: manifest, encoding: .utf8)
    let line = try #require(text.range(of: #"max_screens: \d+"#, options: .regularExpression))
    try text.replacingCharacters(in: line, with: "max_screens: 78").write(
      to: manifest, atomically: true, encoding: .utf8)
    let run = try IntakeBinary.run(["test", "--dialog", dialog.path])
    #expect(run.status == 1)
    #expect(
      run.output.contains(
        dialog.path + "/transcripts/17-alcohol-drugs-many-interactions.transcript: error: 79 screens, over the "
          + "dialog's length budget of 78"), "\(run.output.suffix(1200))")
    // The journey made of mistakes on purpose is longer still, and is not counted.
    let marked = dialog.path + "/transcripts/11-commands-corrections-review.transcript"
    #expect(!run.output.contains(marked + ": error"))
    #expect(run.output.contains("; not counted in the length: every command and a mistake"))
    #expect(run.output.contains("9 marked 'length:' not counted; budget 78 at most"))
  }

  @Test func aChangedThresholdShowsWhichJourneysChangedAndUpdateReblesses() throws {
    let dialog = try copyOfShippedDialog()
    let scoring = dialog.appendingPathComponent("scoring.yaml")
    let text = try String(contentsOf: scoring, encoding: .utf8)
    // The PHQ-9's mild band only (the GAD-7 has a band written the same way, later in the file).
    let band = try #require(text.range(of: "{ min: 5, max: 9, label: \"Mild\" }"))
    try text.replacingCharacters(in: band, with: "{ min: 5, max: 9, label: \"Mild depression\" }")
      .write(to: scoring, atomically: true, encoding: .utf8)
    let failing = try IntakeBinary.run(["test", "--dialog", dialog.path])
    #expect(failing.status == 1)
    let transcript = dialog.path + "/transcripts/16-mania-aneurysm-unsure-bp.transcript"
    #expect(failing.output.contains("FAIL \(transcript)  ("))
    #expect(failing.output.contains("scores: expected 'phq9 = 8 (Mild)', got 'phq9 = 8 (Mild depression)'"))
    #expect(
      failing.output.range(of: #"\d+ transcripts: \d+ passed, [1-9]\d* failed"#, options: .regularExpression) != nil)
    let updated = try IntakeBinary.run(["test", "--dialog", dialog.path, "--update"])
    #expect(updated.status == 0)
    #expect(updated.output.contains("UPDATED \(transcript)\n"))
    #expect(try IntakeBinary.run(["test", "--dialog", dialog.path]).status == 0)
  }

  @Test func aReworkedQuestionShowsTheFirstDivergenceAsADiff() throws {
    let dialog = try copyOfShippedDialog()
    let medical = dialog.appendingPathComponent("sections/05-medical.yaml")
    let text = try String(contentsOf: medical, encoding: .utf8)
    try text.replacingOccurrences(
      of: "text: Please list any allergies you have (medicines, foods, latex). Type none if you have none.",
      with: "text: Any allergies?"
    ).write(to: medical, atomically: true, encoding: .utf8)
    let run = try IntakeBinary.run([
      "test", "--dialog", dialog.path, dialog.path + "/transcripts/07-no-symptoms-transport-unknown.transcript",
    ])
    #expect(run.status == 1)
    let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let failure = try #require(
      lines.firstIndex { $0.hasPrefix("  ") && $0.contains(": the kiosk showed something else") })
    #expect(
      lines[failure + 4]
        == "    - Please list any allergies you have (medicines, foods, latex). Type none if you have none.")
    #expect(lines.contains("    + Any allergies?"))
  }

  /// A folder of transcripts is searched through its subfolders too; other files in it are not
  /// read as transcripts.
  @Test func transcriptsInSubfoldersAreFoundAndOtherFilesLeftAlone() throws {
    let folder = try IntakeBinary.temporaryFolder().appendingPathComponent("journeys")
    let nested = folder.appendingPathComponent("spanish/older")
    try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
    let shipped = TestSupport.repositoryRoot.appendingPathComponent(Self.shipped + "/transcripts")
    try FileManager.default.copyItem(
      at: shipped.appendingPathComponent("02-declines-consent.transcript"),
      to: folder.appendingPathComponent("02-declines-consent.transcript"))
    try FileManager.default.copyItem(
      at: shipped.appendingPathComponent("es-03-older-man-maoi-many-medicines.transcript"),
      to: nested.appendingPathComponent("es-03.transcript"))
    try "not a transcript".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let run = try IntakeBinary.run(["test", "--json", folder.path])
    #expect(run.status == 0, "\(run.output.suffix(600))")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let paths = (report["transcripts"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
    #expect(
      paths == [
        folder.path + "/02-declines-consent.transcript", nested.path + "/es-03.transcript",
      ])
  }

  @Test func jsonOutputForMachines() throws {
    let run = try IntakeBinary.run([
      "test", "--json", "Dialogs/ketamine-intake/transcripts/02-declines-consent.transcript",
    ])
    #expect(run.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
    let transcripts = object?["transcripts"] as? [[String: Any]]
    #expect(transcripts?.count == 1)
    #expect(transcripts?.first?["passed"] as? Bool == true)
    let coverage = object?["coverage"] as? [String: Any]
    #expect((coverage?["total"] as? Int ?? 0) > 700)
    #expect((coverage?["missing"] as? [Any])?.isEmpty == false)
  }

  @Test func aCoverageBarFailsTheRun() throws {
    let run = try IntakeBinary.run([
      "test", "--min-coverage", "90", "Dialogs/ketamine-intake/transcripts/02-declines-consent.transcript",
    ])
    #expect(run.status == 1)
    #expect(run.output.contains("coverage is below the minimum of 90.0%"))
  }

  @Test func generatedTranscriptsReplayAndCoverEveryBranch() throws {
    let folder = try IntakeBinary.temporaryFolder().appendingPathComponent("generated")
    let generate = try IntakeBinary.run(["test", "--generate", folder.path], seconds: 240)
    #expect(generate.status == 0)
    // Every node and every condition outcome is reached (each count is n/n).
    for kind in ["nodes", "options", "conditions", "rules", "questions"] {
      let counted = generate.output.range(of: kind + #" (\d+)/\1[,\n]"#, options: .regularExpression)
      #expect(counted != nil, "\(kind) not fully covered: \(generate.output.suffix(300))")
    }
    #expect(generate.output.contains("coverage: 100.0%"), "\(generate.output.suffix(600))")
    let replay = try IntakeBinary.run(["test", folder.path])
    #expect(replay.status == 0, "\(replay.output.suffix(500))")
    // Named after the answers that make each journey, never after a target ("node-…").
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(names.contains { $0.hasSuffix("-consent-no.transcript") }, "\(names.sorted())")
    #expect(!names.contains { $0.contains("-node-") || $0.contains("-rule-") || $0.contains("-option-") })
  }

  /// An author's own dialog: `--generate` reaches everything reachable, options included (a
  /// scale whose options are numbers, several at once, answers behind a condition, records), with
  /// a filler that fits each question.
  @Test func generateReachesEveryOptionOfAnAuthorsOwnDialog() throws {
    let root = try IntakeBinary.temporaryFolder()
    let dialog = root.appendingPathComponent("pain")
    try FileManager.default.createDirectory(at: dialog, withIntermediateDirectories: true)
    try """
    id: pain
    version: "1"
    title: Pain questions
    sections: [main.yaml]
    """.write(to: dialog.appendingPathComponent("dialog.yaml"), atomically: true, encoding: .utf8)
    try """
    section: main
    title: Your pain
    questions:
      - id: name
        kind: text
        person_name: true
        text: What is your name?
      - id: phone
        kind: text
        phone: true
        text: What phone number can we call?
      - id: sites
        kind: multiple_choice
        text: Where is the pain?
        options:
          - { id: back, text: Back }
          - { id: neck, text: Neck }
          - { id: legs, text: Legs }
          - { id: none, text: Nowhere now, exclusive: true }
      - id: pain_now
        kind: integer
        min: 0
        max: 10
        when: not ("none" in sites)
        text: How bad is it now, from 0 to 10?
      - id: nights
        kind: choice
        when: pain_now >= 7
        text: How many nights a week does it wake you?
        options:
          - { id: one_two, text: "1 or 2" }
          - { id: three_four, text: "3 or 4" }
          - { id: five_seven, text: "5 to 7" }
      - id: how_long
        kind: duration
        unit: months
        text: How long have you had it?
      - id: treatments
        kind: repeat
        label: Treatments
        text: Have you tried any treatment for it?
        another: Any other treatment?
        items:
          - id: treatment
            kind: text
            text: What was it?
          - id: helped
            kind: yes_no
            text: Did it help?
      - id: anything
        kind: text
        required: false
        text: Anything else we should know?
    """.write(to: dialog.appendingPathComponent("main.yaml"), atomically: true, encoding: .utf8)
    let folder = dialog.appendingPathComponent("transcripts")
    let generate = try IntakeBinary.run(["test", "--dialog", dialog.path, "--generate", folder.path], seconds: 120)
    #expect(generate.status == 0, "\(generate.output)\(generate.error)")
    #expect(generate.output.contains("coverage: 100.0%"), "\(generate.output.suffix(800))")
    let replay = try IntakeBinary.run(["test", "--dialog", dialog.path, "--min-coverage", "100"])
    #expect(replay.status == 0, "\(replay.output.suffix(800))")
    let texts = try FileManager.default.contentsOfDirectory(atPath: folder.path).map {
      try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
    }
    #expect(texts.allSatisfy { $0.contains("What phone number can we call?\n>[phone] 555 010 1234\n") })
    #expect(texts.allSatisfy { $0.contains("What is your name?\n>[name] Sam Example\n") })
    // The options that are numbers were chosen by their words, not read as a count of nights.
    #expect(texts.contains { $0.contains(">[nights] 5 to 7\n") })
  }

  /// Inserts a yes/no question after the first name into a copy of the shipped dialog.
  func insertMiddleNameQuestion(into dialog: URL) throws {
    let section = dialog.appendingPathComponent("sections/02-identification.yaml")
    let text = try String(contentsOf: section, encoding: .utf8)
    try text.replacingOccurrences(
      of: "  - id: last_name\n",
      with: """
          - id: middle_name
            kind: yes_no
            label: Has a middle name
            text: Do you have a middle name?

          - id: last_name

        """
    ).write(to: section, atomically: true, encoding: .utf8)
    // And in each translation, which `intake check` holds to the dialog text for text.
    let spanish = dialog.appendingPathComponent("translations/es.yaml")
    let translated = try String(contentsOf: spanish, encoding: .utf8)
    #expect(translated.contains("\n      last_name:\n"))
    try translated.replacingOccurrences(
      of: "\n      last_name:\n",
      with: "\n      middle_name:\n        text: \"¿Tiene un segundo nombre?\"\n      last_name:\n"
    ).write(to: spanish, atomically: true, encoding: .utf8)
  }

  /// The documented workflow after inserting a question (Dialogs/README.md, "When you change the
  /// dialog"): `intake test` names the question each journey lacks, `--update` alone refuses, and
  /// `--update --answer` writes journeys whose outcomes are exactly what they were.
  @Test func anInsertedQuestionIsAskedForByNameAndTheJourneysKeepTheirOutcomes() throws {
    let dialog = try copyOfShippedDialog()
    try insertMiddleNameQuestion(into: dialog)
    let transcripts = dialog.appendingPathComponent("transcripts")
    let files = try FileManager.default.contentsOfDirectory(atPath: transcripts.path).filter {
      $0.hasSuffix(".transcript")
    }
    func expectations(_ name: String) throws -> String {
      let text = try String(contentsOf: transcripts.appendingPathComponent(name), encoding: .utf8)
      let start = try #require(text.range(of: "--- expect"))
      return String(text[start.lowerBound...])
    }
    let before = try Dictionary(uniqueKeysWithValues: files.map { ($0, try expectations($0)) })
    let beforeText = try Dictionary(
      uniqueKeysWithValues: files.map {
        ($0, try String(contentsOf: transcripts.appendingPathComponent($0), encoding: .utf8))
      })

    let test = try IntakeBinary.run(["test", "--dialog", dialog.path])
    #expect(test.status == 1)
    #expect(
      test.output.contains(
        "07-no-symptoms-transport-unknown.transcript: no answer for new question middle_name: \"Do you have a middle name?\""
      ), "\(test.output.prefix(1500))")
    #expect(!test.output.contains("the outcome changed"), "\(test.output.prefix(1500))")

    let refused = try IntakeBinary.run(["test", "--dialog", dialog.path, "--update"])
    #expect(refused.status == 1)
    #expect(refused.output.contains("not updated: "))
    for file in files {
      #expect(
        try String(contentsOf: transcripts.appendingPathComponent(file), encoding: .utf8) == beforeText[file], "\(file)"
      )
    }

    let updated = try IntakeBinary.run(["test", "--dialog", dialog.path, "--update", "--answer", "middle_name=no"])
    #expect(updated.status == 0 || updated.output.contains("length budget"), "\(updated.output.suffix(1500))")
    #expect(!updated.output.contains("not updated"), "\(updated.output.prefix(1500))")
    let journey = try String(
      contentsOf: transcripts.appendingPathComponent("07-no-symptoms-transport-unknown.transcript"), encoding: .utf8)
    #expect(journey.contains("Do you have a middle name?\n  1. Yes\n  2. No\n>[middle_name] no\n"))
    // Every journey's ending, outcome, findings and scores are what they were.
    for file in files { #expect(try expectations(file) == before[file], "\(file)") }
    let again = try IntakeBinary.run(["test", "--dialog", dialog.path])
    #expect(again.output.contains("\(files.count) transcripts: \(files.count) passed, 0 failed"), "\(again.output)")
  }

  /// A journey written by hand without screen names is replayed in order, so an inserted
  /// question shifts its answers: `--update` refuses to re-bless the changed outcome.
  @Test func anInsertedQuestionNeverReblessesAChangedOutcome() throws {
    let dialog = try copyOfShippedDialog()
    try insertMiddleNameQuestion(into: dialog)
    let journey = dialog.appendingPathComponent("transcripts/07-no-symptoms-transport-unknown.transcript")
    let tagged = try String(contentsOf: journey, encoding: .utf8)
    let untagged = tagged.replacingOccurrences(of: #"(?m)^(>>?)\[[^ ]*\]"#, with: "$1", options: .regularExpression)
    #expect(untagged != tagged && !untagged.contains(">["))
    try untagged.write(to: journey, atomically: true, encoding: .utf8)
    let before = try String(contentsOf: journey, encoding: .utf8)
    let replay = try IntakeBinary.run(["test", "--dialog", dialog.path, journey.path])
    #expect(replay.status == 1)
    // The patient's outcome first, in words, before the first difference of wording.
    let lines = replay.output.split(separator: "\n").map(String.init)
    let changed = try #require(lines.firstIndex { $0.contains(": the outcome changed: ending submitted → ") })
    let diverged = try #require(lines.firstIndex { $0.contains("the kiosk showed something else") })
    #expect(changed < diverged, "\(replay.output.prefix(1200))")
    let update = try IntakeBinary.run(["test", "--dialog", dialog.path, "--update", journey.path])
    #expect(update.status == 1)
    #expect(update.output.contains("not updated: the outcome changed: ending submitted → "), "\(update.output)")
    #expect(try String(contentsOf: journey, encoding: .utf8) == before)
    let accepted = try IntakeBinary.run(
      ["test", "--dialog", dialog.path, "--update", "--accept-outcome-changes", journey.path])
    #expect(accepted.status == 0)
    #expect(try String(contentsOf: journey, encoding: .utf8) != before)
  }

  /// An author's transcript names its dialog by where it sits: no --dialog needed from elsewhere.
  @Test func theDialogIsTheOneWhoseTranscriptsFolderHoldsTheTranscript() throws {
    let dialog = try copyOfShippedDialog()
    let journey = dialog.appendingPathComponent("transcripts/07-no-symptoms-transport-unknown.transcript")
    let run = try IntakeBinary.run(["test", journey.path], directory: FileManager.default.temporaryDirectory)
    #expect(run.status == 0, "\(run.output.prefix(600))\(run.error)")
    #expect(run.output.contains("1 transcript: 1 passed, 0 failed"))
    // One journey is replayed without path analysis: its coverage is only what it reached.
    #expect(run.output.contains("not covered (some may be impossible"), "\(run.output.suffix(800))")
    #expect(!run.output.contains("meant never to happen"))
  }

  /// In a dialog's own folder, the tools work on it without being told.
  @Test func insideADialogFolderTheToolsUseIt() throws {
    let dialog = try copyOfShippedDialog()
    let check = try IntakeBinary.run(["check", "--no-paths"], directory: dialog)
    #expect(check.status == 0, "\(check.output)\(check.error)")
    #expect(check.output.contains(".: 0 errors"), "\(check.output)")
  }

  /// A dialog file saved with Windows line ends: a diagnostic still shows its own source line.
  @Test func aDiagnosticInAFileWithWindowsLineEndsShowsItsLine() throws {
    let dialog = try copyOfShippedDialog()
    let section = dialog.appendingPathComponent("sections/02-identification.yaml")
    let text = try String(contentsOf: section, encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    #expect(lines[6] == "    kind: text")
    lines[6] = "    kind: txet"
    try lines.joined(separator: "\r\n").write(to: section, atomically: true, encoding: .utf8)
    let check = try IntakeBinary.run(["check", "--no-paths", dialog.path])
    #expect(check.status != 0)
    let shown = (check.output + check.error).components(separatedBy: "\n")
    let at = try #require(
      shown.firstIndex { $0.contains("02-identification.yaml:7:") }, "\(check.output)\(check.error)")
    #expect(at + 1 < shown.count && shown[at + 1] == "    kind: txet", "\(shown[at...].prefix(3))")
  }

  /// One wording change seen by many journeys is shown once, with how many it affects.
  @Test func oneWordingChangeIsShownOnce() throws {
    let dialog = try copyOfShippedDialog()
    let section = dialog.appendingPathComponent("sections/02-identification.yaml")
    let text = try String(contentsOf: section, encoding: .utf8)
    try text.replacingOccurrences(of: "What is your first name?", with: "What is your given name?")
      .write(to: section, atomically: true, encoding: .utf8)
    let journeys = ["07-no-symptoms-transport-unknown", "01-trd-two-trials-prn-lorazepam", "14-tier1-naltrexone"]
      .map { dialog.appendingPathComponent("transcripts/\($0).transcript").path }
    let run = try IntakeBinary.run(["test", "--dialog", dialog.path] + journeys)
    #expect(run.status == 1)
    #expect(run.output.components(separatedBy: "+ What is your given name?").count == 2, "\(run.output)")
    #expect(run.output.contains("(the same difference in 2 more journeys, listed below)"))
    #expect(run.output.components(separatedBy: "(the same difference as ").count == 3)
  }

  @Test func graphsInBothFormats() throws {
    let dot = try IntakeBinary.run(["graph", "--format", "dot"])
    #expect(dot.status == 0)
    #expect(dot.output.hasPrefix("digraph \"ketamine-intake\" {"))
    #expect(dot.output.contains("  \"consent\" -> \"no_consent_end\" [label=\"consent == false\"];"))
    #expect(dot.output.contains("  subgraph \"cluster_transport\" {"))
    #expect(
      dot.output.contains("  \"rule_suicide_tier3\" -> \"crisis_now\" [label=\"escalation tier 3\", style=dashed];"))
    // The crisis screen returns to the flow once staff resume; it is not the end.
    #expect(
      dot.output.contains("  \"crisis_now\" -> \"back_to_the_flow\" [label=\"when staff resume\", style=dashed];"))
    #expect(!dot.output.contains("  \"crisis_now\" -> \"intake_end\""))
    // The escalation is connected to the questions that can raise it.
    #expect(dot.output.contains("  \"cssrs_4\" -> \"rule_suicide_tier3\" [label=\"can raise\", style=dashed];"))
    let mermaid = try IntakeBinary.run(["graph", "--format", "mermaid"])
    #expect(mermaid.output.hasPrefix("flowchart TD\n"))
    #expect(mermaid.output.contains("  q_date_of_birth -->|\"age < 18\"| q_under_age_end"))
    // No node is called `end` (a Mermaid keyword): the end and every question id are safe names.
    let edges = mermaid.output.split(separator: "\n").filter { $0.contains("-->") || $0.contains("-.->") }
    let nodes = edges.flatMap { line in
      [line.split(separator: " ").first, line.split(separator: " ").last].compactMap { $0.map(String.init) }
    }
    #expect(!edges.isEmpty && !nodes.contains("end"))
  }

  @Test func checkRunsPathAnalysisAndWritesWitnesses() throws {
    let dialog = try copyOfShippedDialog()
    let rules = dialog.appendingPathComponent("rules.yaml")
    let text = try String(contentsOf: rules, encoding: .utf8)
    try text.replacingOccurrences(
      of: "escalate: { tier: 3, show: crisis_now, alert: true }",
      with: "escalate: { tier: 3, show: crisis_now, alert: false }"
    ).write(to: rules, atomically: true, encoding: .utf8)
    let witnesses = try IntakeBinary.temporaryFolder().appendingPathComponent("witnesses")
    let run = try IntakeBinary.run(["check", dialog.path, "--witnesses", witnesses.path], seconds: 240)
    #expect(run.status == 1)
    #expect(
      run.output.contains(
        "error: [IK310] safety property 'crisis_first' fails: when suicide_tier3 became true, no staff alert was raised"
      ))
    let witness = witnesses.appendingPathComponent("crisis_first.transcript")
    #expect(FileManager.default.fileExists(atPath: witness.path))
    let replay = try IntakeBinary.run(["test", "--dialog", dialog.path, witness.path])
    #expect(replay.status == 0)
  }
}
