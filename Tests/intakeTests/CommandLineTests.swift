import ArgumentParser
import Foundation
import IntakeTestSupport
import Testing

@testable import intake

/// The real binary over pipes: the README's commands, exit codes, a whole intake.
@Suite struct CommandLineTests {
  @Test func checkPassesOnTheShippedDialog() throws {
    let run = try IntakeBinary.run(["check", "Dialogs/ketamine-intake"])
    #expect(run.status == 0)
    #expect(run.output.contains("\npaths: ") || run.output.hasPrefix("paths: "))
    #expect(run.output.contains(" journeys reach everything reachable; "))
    #expect(run.output.contains("\nreading level: grade "))
    #expect(run.output.hasSuffix("\nDialogs/ketamine-intake: 0 errors, 0 warnings\n"))
  }

  @Test func checkReportsErrorsWithACaretAndExitsOne() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(
      [
        "dialog.yaml": "id: b\nversion: \"1\"\ntitle: B\nsections: [m.yaml]\n",
        "m.yaml": "section: m\ntitle: M\nquestions:\n  - id: q\n    kind: yes_no\n    text: Q?\n    when: q == 5\n",
      ], in: folder)
    let run = try IntakeBinary.run(["check", dialog.path])
    #expect(run.status == 1)
    // A dialog with errors is not path-analysed: the errors come first.
    #expect(
      run.output == """
        \(dialog.path)/m.yaml:7:11: error: [IK201] cannot compare yes/no with number: 'q' and '5' can never be equal
            when: q == 5
                  ^
        \(dialog.path): 1 error, 0 warnings

        """)
  }

  /// An author who names the manifest, or a folder that is not there, is told what to give.
  @Test func checkOfAFileOrAMissingFolderSaysToGiveTheDialogsFolder() throws {
    let file = try IntakeBinary.run(["check", "Dialogs/ketamine-intake/dialog.yaml"])
    #expect(file.status == 64)
    #expect(
      file.error.contains(
        "'Dialogs/ketamine-intake/dialog.yaml' is a file: give the dialog's folder, the one that holds dialog.yaml ('Dialogs/ketamine-intake')"
      ), "\(file.error)")
    let missing = try IntakeBinary.run(["check", "Dialogs/no-such-dialog"])
    #expect(missing.status == 64)
    #expect(
      missing.error.contains(
        "there is no folder 'Dialogs/no-such-dialog': give the dialog's folder, the one that holds dialog.yaml"),
      "\(missing.error)")
  }

  @Test func diagnosticsQuotingDialogTextAreSanitised() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(
      [
        "dialog.yaml": "id: b\nversion: \"1\"\ntitle: B\nsections: [m.yaml]\n",
        "m.yaml":
          "section: m\ntitle: M\nquestions:\n  - id: q\n    kind: yes_no\n    text: Q?\n    evil\u{202E}key: 1\n",
      ], in: folder)
    let run = try IntakeBinary.run(["check", dialog.path])
    #expect(run.status == 1)
    #expect(run.output.contains("unknown key 'evil<U+202E>key'"))
    #expect(run.output.contains("    evil<U+202E>key: 1\n    ^"))
    #expect(!run.output.contains("\u{202E}"))
  }

  @Test func theKioskRefusesABrokenDialogWithTheSameDiagnostics() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(
      ["dialog.yaml": "id: b\nversion: \"1\"\ntitle: B\nsections: [m.yaml]\n", "m.yaml": "section: m\ntitle: [\n"],
      in: folder)
    let data = folder.appendingPathComponent("data")
    let run = try IntakeBinary.run(["kiosk", "--dialog", dialog.path, "--data", data.path], input: "yes\n")
    #expect(run.status == 1)
    #expect(run.error.contains("\(dialog.path)/m.yaml:3:1: error: [IK100] YAML syntax:"))
    #expect(run.error.contains("The kiosk will not start on a dialog with errors."))
    #expect(run.output.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: data.path))
  }

  /// The kiosk reads its dialog while it opens a ready store; a broken dialog is still refused with
  /// its diagnostics, and said before a store that cannot be opened.
  @Test func aKioskWithAReadyStoreRefusesABrokenDialogFirst() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(
      ["dialog.yaml": "id: b\nversion: \"1\"\ntitle: B\nsections: [m.yaml]\n", "m.yaml": "section: m\ntitle: [\n"],
      in: folder)
    let data = folder.appendingPathComponent("data")
    // A first start on the shipped dialog makes the folder, a trial key and the store.
    let first = try IntakeBinary.run(["kiosk", "--once", "--data", data.path], input: "")
    #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("intake.sqlite").path), "\(first.error)")
    let refused = try IntakeBinary.run(["kiosk", "--dialog", dialog.path, "--data", data.path], input: "yes\n")
    #expect(refused.status == 1)
    #expect(refused.error.contains("\(dialog.path)/m.yaml:3:1: error: [IK100] YAML syntax:"))
    #expect(refused.error.contains("The kiosk will not start on a dialog with errors."))
    // A store that cannot be opened as well: the dialog's errors are what is said.
    try Data("not a database".utf8).write(to: data.appendingPathComponent("intake.sqlite"))
    let both = try IntakeBinary.run(["kiosk", "--dialog", dialog.path, "--data", data.path], input: "yes\n")
    #expect(both.status == 1)
    #expect(both.error.contains("The kiosk will not start on a dialog with errors."))
    // And with a good dialog, the store's failure (exit 3).
    let store = try IntakeBinary.run(["kiosk", "--data", data.path], input: "yes\n")
    #expect(store.status == 3, "\(store.error)")
  }

  /// Every answer of a whole intake on the shipped dialog, as typed.
  static let wholeIntake: [String] =
    // English on the language screen, the welcome and consent, name, date of birth (one reading
    // only, so not read back), sex, phone, then what the patient wants help with, and why now and
    // what they hope for.
    [
      "english", "yes", "Zoë", "Núñez", "04/27/1986", "female", "555 123 4567", "1",
      "Nothing else has worked. Feel like myself again.",
    ]
    + ["2", "2", "1", "2", "1", "1", "2", "1", "1", "somewhat"]  // PHQ-9 and difficulty
    // The suicide screen, harm to others, self-harm.
    + ["no", "no", "no", "no", "no"]
    + ["2", "2"]  // GAD-2 (below 3, so the rest of the GAD-7 is not asked)
    + ["4", "skip", "1,3", "no", "2", "0", "no", "no"]  // psychiatric history
    + ["no"]  // trauma (the mood screen is not asked after "no" to the mania question)
    + ["none", "2", "1", "no"]  // family and social history
    // Medical history: none of the listed conditions, no reading known, pregnancy, allergies, weight, height.
    + ["none", "no", "cannot", "", "80 kg", "178 cm"]
    + ["yes", "Ativan", "1 mg", "once a day", "no"]  // medicines
    + ["monthly or less", "1", "1", "none"]  // AUDIT-C, then tobacco and drugs (none: no drug screen)
    // Transport (the number typed with the name), then closing: anything else (left out), who
    // helped, and no to looking over the answers (the last screen).
    + ["1", "my brother Sam Lee, 555 987 6543", "yes", "Sam", "yes", "", "myself", "no"]

  /// Up to the first PHQ-9 item of `wholeIntake`.
  static let beforePHQ9 = Array(wholeIntake.prefix(9))

  @Test func aWholeIntakeOverAPipeWritesTheSummary() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let lines = Self.wholeIntake
    let run = try IntakeBinary.run(["--data", data.path], input: lines.joined(separator: "\n") + "\n")
    #expect(run.status == 0, "\(run.output.suffix(600))")
    #expect(
      run.output.hasSuffix(
        "Your answers have been sent to the care team. Thank you. Please let the front desk know you have finished.\n"))
    let submissions = try IntakeBinary.submissions(in: data)
    #expect(submissions.count == 1)
    let markdown = try #require(submissions.first).markdown
    #expect(markdown.contains("**Zoë "), "\(markdown.prefix(600))")
    #expect(markdown.contains("| 1 | Ativan (lorazepam; Benzodiazepine \\[EFF, SED\\]) | 1 mg |"), "\(markdown)")
    #expect(
      markdown.contains(
        "**Medication interaction**: Ativan (lorazepam; Benzodiazepine): a benzodiazepine or Z-drug may blunt"))
    // The patient never saw a score, a finding or a psychiatrist question.
    for secret in ["PHQ-9 total", "Medication interaction", "Questions for the psychiatrist", "of 27"] {
      #expect(!run.output.contains(secret), "\(secret)")
    }
  }

  /// Over a pipe: one letter and 500,000 combining marks (a megabyte, "one character") is refused
  /// at the line reader, a few hundred marks (within the line, over the answer's scalars) by the
  /// answer's own limit; neither is echoed back or sealed, and the intake carries on.
  @Test func aFloodOfCombiningMarksIsNeitherEchoedNorSealed() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(
      [
        "dialog.yaml": "id: marks\nversion: \"1\"\ntitle: Marks\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: name, kind: text, label: Name, text: Your name?, max_length: 60 }
          - { id: done, kind: message, text: All done. }
        """,
      ], in: folder)
    let data = folder.appendingPathComponent("data")
    let megabyte = "MARKER" + String(repeating: "\u{301}", count: 500_000)
    let hundreds = "MARKER" + String(repeating: "\u{301}", count: 300)
    let run = try IntakeBinary.run(
      ["kiosk", "--dialog", dialog.path, "--data", data.path],
      input: [megabyte, hundreds, "Ana", ""].joined(separator: "\n") + "\n",
      seconds: 60)
    #expect(run.status == 0)
    #expect(run.output.utf8.count < 20_000, "the output holds \(run.output.utf8.count) bytes")
    #expect(run.output.contains("That was too long to take in, so it was not kept."))
    #expect(run.output.contains("Please keep this under 60 characters. Accent marks and symbols joined"))
    let submission = try #require(try IntakeBinary.submissions(in: data).last)
    #expect(submission.markdown.contains("- **Name**: Ana"))
    #expect(!submission.markdown.contains("MARKER"))
    // The input log (sealed with the submission, for replay) never held the megabyte line.
    #expect(submission.inputs.allSatisfy { ($0.line?.utf8.count ?? 0) < 1_000 })
  }

  @Test func inputEndingEarlyExitsFourAndSavesNothing() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let run = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\nyes\nZoë\n")
    #expect(run.status == 4)
    #expect(run.output.contains("The input ended before the questions were finished. Nothing was sent.\n"))
    #expect(try IntakeBinary.submissions(in: data).isEmpty)
  }

  @Test func quittingIsConfirmedAndSavesNothing() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let run = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\nquit\nyes\n")
    #expect(run.status == 0)
    #expect(run.output.contains("Your answers were not sent."))
    #expect(try IntakeBinary.submissions(in: data).isEmpty)
  }

  @Test func anUnusableDataFolderStopsTheKioskBeforeAnyQuestion() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let blocker = folder.appendingPathComponent("data")
    try Data("not a folder".utf8).write(to: blocker)
    let run = try IntakeBinary.run(["kiosk", "--data", blocker.path], input: "\n")
    #expect(run.status == 3)
    #expect(
      run.error
        == "intake: cannot create the data folder '\(blocker.path)'. The kiosk will not start; fetch whoever looks after it.\n"
    )
    #expect(run.output.isEmpty)
  }

  @Test func aHighRiskAnswerRaisesAStaffAlertWithoutAnswersInIt() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let lines =
      Self.beforePHQ9 + Array(repeating: "1", count: 9) + ["yes", "yes", "no", "yes"]
    let run = try IntakeBinary.run(["kiosk", "--data", data.path], input: lines.joined(separator: "\n") + "\n")
    #expect(run.status == 4)
    #expect(run.output.contains("Call or text 988"))
    // The alert holds the session id, rule, tier and time: no answers.
    let alerts = try IntakeBinary.alerts(in: data)
    #expect(alerts.map(\.tier) == [3])
    #expect(alerts.map(\.rule) == ["suicide_tier3"])
    #expect(alerts.first?.sessionID.count == 12)
  }

  @Test func theAlertCommandGetsTheSessionIDOnly() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let data = folder.appendingPathComponent("data")
    let log = folder.appendingPathComponent("alert.log")
    let script = folder.appendingPathComponent("notify")
    try "#!/bin/sh\necho \"$# $1 tier=$INTAKE_ALERT_TIER\" >> \(log.path)\n".write(
      to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    let lines =
      Self.beforePHQ9 + Array(repeating: "1", count: 9) + ["yes", "yes", "no", "yes", ""]
    let run = try IntakeBinary.run(
      ["kiosk", "--data", data.path, "--alert-command", script.path], input: lines.joined(separator: "\n") + "\n")
    #expect(run.status == 4)
    let alerts = try IntakeBinary.alerts(in: data)
    // The command got one argument, the session id.
    var logged = ""
    for _ in 0..<100 where logged.isEmpty {
      logged = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if logged.isEmpty { usleep(50_000) }
    }
    let sessionID = try #require(alerts.first?.sessionID)
    #expect(logged == "1 \(sessionID) tier=3\n")
    #expect(!logged.contains("Zo"))
  }

  @Test func theIdleWarningGivesAtLeastTwentySeconds() throws {
    let run = try IntakeBinary.run(["kiosk", "--idle-warning-seconds", "10"])
    #expect(run.status == 64)
    #expect(run.error.contains("--idle-warning-seconds must be at least 20"))
  }

  /// A kiosk's command line is parsed by the kiosk's command alone when it can be; what it cannot
  /// take is said as the whole command tree says it.
  @Test func aKiosksWrongOptionAndItsHelpReadAsTheWholeCommandLinesDo() throws {
    for arguments in [["kiosk", "--no-such-option"], ["--no-such-option"]] {
      let run = try IntakeBinary.run(arguments)
      #expect(run.status == 64)
      #expect(run.error.contains("Error: Unknown option '--no-such-option'\nUsage: intake kiosk [--dialog <dialog>]"))
      #expect(run.error.contains("See 'intake kiosk --help' for more information."))
    }
    let help = try IntakeBinary.run(["kiosk", "--help"])
    #expect(help.status == 0)
    #expect(help.output.contains("USAGE: intake kiosk [--dialog <dialog>]"))
  }

  @Test func helpDocumentsTheExitCodes() throws {
    let run = try IntakeBinary.run(["--help"])
    #expect(run.status == 0)
    #expect(run.output.contains("4   piped input ended before the intake was finished"))
  }
}

/// Every command names itself: without a `commandName` ArgumentParser derives one from the type's
/// name with `String(describing:)`, a dynamic cast whose first use scans every protocol
/// conformance in the binary (measured: about a sixth of the kiosk's time to its first prompt).
@Suite struct CommandNameTests {
  @Test func everyCommandHasItsNameWritten() {
    var unnamed: [String] = []
    var pending: [any ParsableCommand.Type] = [IntakeCommand.self]
    while let command = pending.popLast() {
      if command.configuration.commandName == nil { unnamed.append("\(command)") }
      pending += command.configuration.subcommands
    }
    #expect(unnamed.isEmpty, "commands without a commandName: \(unnamed)")
  }
}
