import ArgumentParser
import Foundation
import IntakeCommandLine
import IntakeKit
import IntakeStore
import IntakeTerminal

/// `intake review`: the coordinator's side. Unlocks the private key, then lists intakes urgent
/// first, shows summaries, marks them reviewed, exports them and watches for staff alerts. With
/// no subcommand it is an interactive console.
struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Review intakes: urgent first, show, mark reviewed, export, watch alerts.",
    discussion: """
      Needs the coordinator's private key and its passphrase (asked at the terminal, or read from \
      \(PassphraseReader.environmentVariable)). After 5 wrong passphrases review is locked for 15 \
      minutes. Every list, view, mark and export is recorded in the audit trail.
      """,
    subcommands: [Console.self, List.self, Show.self, Mark.self, Export.self, Watch.self],
    defaultSubcommand: Console.self
  )

  struct Options: ParsableArguments {
    @Option(help: "The kiosk's data folder (or a copy of it).")
    var data: String = KioskRun.defaultData

    @Option(
      help: ArgumentHelp(
        "The coordinator's private key (default: intake-keys/coordinator.key, or the data folder's trial key).",
        valueName: "file"))
    var privateKey: String?

    @Option(help: "The dialog folder, to rebuild intakes that were not finished.")
    var dialog: String = DialogDiagnostics.defaultDialog

    @OptionGroup var central: CentralStoreOptions
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List intakes, most urgent first.")
    @OptionGroup var options: Options
    func run() throws {
      let desk = try ReviewSession.open(options)
      try desk.list(to: ScreenWriter(wraps: false))
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: "Show one intake's summary.")
    @OptionGroup var options: Options
    @Argument(help: "The session id (its first 4 or more characters are enough).") var intake: String
    func run() throws {
      let desk = try ReviewSession.open(options)
      try desk.show(intake, to: ScreenWriter())
    }
  }

  struct Mark: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mark",
      abstract: "Mark an intake reviewed. The note is read from standard input (never an argument).")
    @OptionGroup var options: Options
    @Argument(help: "The session id (its first 4 or more characters are enough).") var intake: String
    @Option(help: "Who reviewed it.") var by: String
    func run() throws {
      let desk = try ReviewSession.open(options)
      let note: String
      if isatty(STDIN_FILENO) == 1 {
        let writer = ScreenWriter.standardError()
        guard let typed = ReviewSession.readNote(PlainLineReader(writer: writer), writer: writer) else {
          throw CommandFailure(
            message: "intake: the note was not ended; nothing was marked.", code: CommandFailure.usage)
        }
        note = typed
      } else {
        note = String(decoding: TerminalInput.readAll(), as: UTF8.self)
      }
      try desk.mark(intake, by: by, note: note.trimmingWhitespace(), to: ScreenWriter())
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export", abstract: "Export an intake (owner-only file).")
    @OptionGroup var options: Options
    @Argument(help: "The session id (its first 4 or more characters are enough).") var intake: String
    @Option(
      help:
        "markdown, html, json, fhir-bundle (Patient, QuestionnaireResponse, score Observations, safety Flags), fhir-response (QuestionnaireResponse) or fhir-questionnaire."
    )
    var format: ExportFormat = .markdown
    @Option(help: "The folder to write to.") var out: String = "intake-exports"
    func run() throws {
      let desk = try ReviewSession.open(options)
      try desk.export(intake, format: format, folder: out, to: ScreenWriter())
    }
  }

  struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "watch", abstract: "Print staff alerts as the kiosk raises them.")
    @OptionGroup var options: Options
    @Option(help: ArgumentHelp("Stop after this many seconds (default: until stopped).", valueName: "seconds"))
    var seconds: Double?
    func run() throws {
      let desk = try ReviewSession.open(options)
      try desk.watch(seconds: seconds, to: ScreenWriter(wraps: false))
    }
  }

  struct Console: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "console", abstract: "The interactive review console (the default).")
    @OptionGroup var options: Options
    func run() throws {
      let desk = try ReviewSession.open(options)
      try desk.console()
    }
  }
}

extension ExportFormat: ExpressibleByArgument {}

/// Reads standard input to its end (a note piped to `review mark`).
enum TerminalInput {
  static func readAll() -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(STDIN_FILENO, &buffer, buffer.count)
      if count > 0 {
        data.append(contentsOf: buffer[..<count])
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        return data
      }
    }
  }
}
