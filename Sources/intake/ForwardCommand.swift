import ArgumentParser
import Foundation
import IntakeCentral
import IntakeCommandLine
import IntakeStore
import IntakeTerminal

/// `intake forward`: sends a kiosk's sealed submissions, staff alerts and audit trail to the
/// central PostgreSQL store, alerts first, as soon as it can. It runs beside the kiosk (its own
/// process: a network that hangs never holds up a patient's answer) and needs no private key:
/// everything it sends is sealed or holds no answers.
struct ForwardCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forward",
    abstract: "Forward this kiosk's sealed records to the central PostgreSQL store whenever it can be reached.",
    discussion: """
      Every record the kiosk stores is queued in the same transaction (its outbox) and sent with \
      a stable id the central store takes once, so a retry or a crash never loses or doubles one. \
      While the server cannot be reached the kiosk goes on as before and records wait; the staff \
      alert monitor says when they have waited too long. The password comes from --password-file \
      or INTAKE_DB_PASSWORD. See README, "Several sites".
      """)

  @Option(help: "The kiosk's data folder.")
  var data: String = KioskRun.defaultData

  @OptionGroup var database: CentralOptions

  @Option(help: ArgumentHelp("This kiosk's site, as the console shows it (not patient data).", valueName: "name"))
  var site: String

  @Option(help: ArgumentHelp("This kiosk's name at its site.", valueName: "name"))
  var kiosk: String

  @Flag(help: "Send what waits, then exit (exit 3 if the server could not be reached).")
  var untilEmpty = false

  @Option(
    help: ArgumentHelp(
      "After failures, wait at most this many seconds between tries (the wait doubles from 1 s).",
      valueName: "seconds"))
  var maximumRetryDelay: Double = 10

  func run() async throws {
    for (name, value) in [("--site", site), ("--kiosk", kiosk)]
    where value.isEmpty || value.count > 64 || value.contains(where: { $0.isNewline }) {
      throw ValidationError("\(name) must be a name of 1 to 64 characters on one line")
    }
    let central = try database.configuration()
    let store = try AlertsCommand.open(data: data)
    let forwarder = OutboxForwarder(store: store, central: central, origin: .init(site: site, kiosk: kiosk))
    let writer = ScreenWriter()
    if untilEmpty {
      do {
        let pass = try await forwarder.drain()
        writer.line("intake: " + pass.summary)
        if pass.rejected > 0 { throw CommandFailure(message: "", code: CommandFailure.dataFolder) }
      } catch let failure as CommandFailure {
        throw failure
      } catch {
        throw CommandFailure(
          message: "intake: \(error); the records wait in the outbox.", code: CommandFailure.dataFolder)
      }
      return
    }
    writer.line("intake: forwarding \(data) to \(central.host) as site '\(site)', kiosk '\(kiosk)'.")
    // One line per change (records sent, the server lost, the server back): a service's log
    // says what happened without a line every two seconds.
    await forwarder.run(maximumDelay: .milliseconds(Int(max(1, maximumRetryDelay) * 1000))) { line in
      writer.line("intake: " + line)
    }
  }
}
