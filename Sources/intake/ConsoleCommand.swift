import ArgumentParser
import Foundation
import IntakeCentral
import IntakeCommandLine
import IntakeConsole
import IntakeKit
import IntakeStore
import IntakeTerminal

/// `intake console`: the coordinators' console in the browser, and its staff accounts.
struct ConsoleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "console",
    abstract: "The coordinators' console in a web browser: the queue, notes, statuses, alerts, accounts.",
    discussion: """
      Serves on this machine only (127.0.0.1) unless --address says otherwise; any other address \
      needs --tls-certificate and --tls-key (HTTPS). Each member of staff signs in with their own \
      name and passphrase; add the first administrator with 'intake console add-account NAME \
      --role admin' (it needs the clinic's private key and its passphrase once).
      """,
    subcommands: [Serve.self, AddAccount.self, Accounts.self, RemoveAccount.self],
    defaultSubcommand: Serve.self)

  struct Options: ParsableArguments {
    @Option(help: "The kiosk's data folder.")
    var data: String = KioskRun.defaultData

    @OptionGroup var central: CentralStoreOptions
  }

  struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "serve", abstract: "Serve the console (the default).")
    @OptionGroup var options: Options

    @Option(help: "The dialog folder, to rebuild intakes that were not finished.")
    var dialog: String = DialogDiagnostics.defaultDialog

    @Option(help: "The address to listen on.")
    var address: String = "127.0.0.1"

    @Option(help: "The port (0: any free port, printed at start).")
    var port: Int = 8080

    @Option(help: ArgumentHelp("The certificate chain (PEM) for HTTPS.", valueName: "file"))
    var tlsCertificate: String?

    @Option(help: ArgumentHelp("The certificate's private key (PEM) for HTTPS.", valueName: "file"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("Sign a person out after this many minutes without use.", valueName: "minutes"))
    var idleMinutes: Double = 30

    func run() async throws {
      umask(0o077)
      let endpoint = ConsoleServer.Endpoint(host: address, port: port, certificate: tlsCertificate, privateKey: tlsKey)
      if (tlsCertificate == nil) != (tlsKey == nil) {
        throw CommandFailure(
          message: "intake: HTTPS needs both --tls-certificate and --tls-key.", code: CommandFailure.usage)
      }
      if !endpoint.isLoopback && tlsCertificate == nil {
        throw CommandFailure(
          message: "intake: the console shows patient records; on '\(address)', which other machines can reach, "
            + "it needs HTTPS: give --tls-certificate and --tls-key, or leave out --address to serve this machine only.",
          code: CommandFailure.usage)
      }
      let store = try ConsoleCommand.openStore(options)
      let accounts: [StaffAccount]
      do {
        accounts = try store.accounts().filter(\.isActive)
      } catch {
        throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
      }
      if accounts.isEmpty {
        throw CommandFailure(
          message: "intake: there are no staff accounts yet. Add the first administrator:\n"
            + "  intake console add-account NAME --role admin --data \(options.data)",
          code: CommandFailure.usage)
      }
      var loaded: Dialog?
      do {
        loaded = try DialogDiagnostics.load(dialog)
      } catch {
        ScreenWriter.standardError().line(
          "intake: WARNING: the dialog '\(dialog)' could not be loaded, so unfinished intakes cannot be rebuilt "
            + "here. Give the dialog folder with --dialog.")
      }
      var settings = ConsoleApp.Settings()
      settings.idleLimit = max(1, idleMinutes) * 60
      settings.secureCookies = tlsCertificate != nil
      let app = ConsoleApp(store: store, dialog: loaded, settings: settings)
      let scheme = tlsCertificate == nil ? "http" : "https"
      let host = address.contains(":") ? "[\(address)]" : address
      do {
        try await ConsoleServer.run(app, at: endpoint) { port in
          // Standard output, one line, so a script can read the port it was given.
          ScreenWriter(wraps: false).line("intake console: serving \(scheme)://\(host):\(port)/ (stop with Ctrl-C)")
        }
      } catch {
        throw CommandFailure(
          message: "intake: the console could not serve on \(host):\(port) (in use, not allowed, or the TLS files "
            + "could not be read).",
          code: CommandFailure.usage)
      }
    }
  }

  struct AddAccount: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-account",
      abstract: "Add a staff account (the first administrator; later ones can be added in the browser).",
      discussion: """
        Unlocks the clinic's private key (asked at the terminal, or \(PassphraseReader.environmentVariable)), then \
        asks the new person's passphrase twice (or reads \(PassphraseReader.accountVariable)) and wraps the key \
        for them. Their passphrase opens only their own copy; the key is never stored unwrapped.
        """)
    @OptionGroup var options: Options
    @Argument(help: "Their sign-in name: letters, digits, '.', '-', '_'.") var name: String
    @Option(help: "admin, coordinator or psychiatrist.") var role: StaffRole

    @Option(
      help: ArgumentHelp(
        "The clinic's private key (default: intake-keys/coordinator.key, or the data folder's trial key).",
        valueName: "file"))
    var privateKey: String?

    func run() throws {
      umask(0o077)
      guard StaffAccount.isValidName(name) else {
        throw CommandFailure(
          message: "intake: a name is 2 to 40 letters, digits, '.', '-' or '_', with no spaces.",
          code: CommandFailure.usage)
      }
      let store = try ConsoleCommand.openStore(options)
      let key = try ConsoleCommand.unlockKey(options, privateKey: privateKey, store: store)
      guard
        let passphrase = PassphraseReader.read(
          prompt: "Passphrase for \(name): ", variable: PassphraseReader.accountVariable),
        passphrase.count >= StaffAccount.minimumPassphraseLength
      else {
        throw CommandFailure(
          message: "intake: an account's passphrase needs at least \(StaffAccount.minimumPassphraseLength) characters.",
          code: CommandFailure.usage)
      }
      if ProcessInfo.processInfo.environment[PassphraseReader.accountVariable] == nil {
        guard
          PassphraseReader.read(prompt: "The same passphrase again: ", variable: PassphraseReader.accountVariable)
            == passphrase
        else {
          throw CommandFailure(
            message: "intake: the two passphrases differ; nothing was added.", code: CommandFailure.usage)
        }
      }
      do {
        let slot = try AccountKeySlot.make(for: key, name: name, passphrase: passphrase)
        _ = try store.addAccount(name: name, role: role, keySlot: slot, by: "command line", at: Date())
      } catch {
        throw CommandFailure(message: "intake: \(error); nothing was added.", code: CommandFailure.dataFolder)
      }
      ScreenWriter.standardError().line("Added \(name) (\(role.title)). They can sign in to 'intake console' now.")
    }
  }

  struct Accounts: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "accounts", abstract: "List the staff accounts.")
    @OptionGroup var options: Options
    func run() throws {
      let store = try ConsoleCommand.openStore(options)
      let writer = ScreenWriter(wraps: false)
      do {
        for account in try store.accounts() {
          writer.line(
            "\(account.name)  \(account.role.title)  added \(account.createdAt.prefix(10))"
              + (account.removedAt.map { "  removed \($0.prefix(10))" } ?? ""))
        }
      } catch {
        throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
      }
    }
  }

  struct RemoveAccount: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "remove-account", abstract: "Remove a staff account (it can no longer sign in).")
    @OptionGroup var options: Options
    @Argument var name: String
    func run() throws {
      let store = try ConsoleCommand.openStore(options)
      do {
        guard let account = try store.accounts().first(where: { $0.isActive && $0.name == name }) else {
          throw CommandFailure(message: "intake: there is no account named \(name).", code: CommandFailure.usage)
        }
        try store.removeAccount(id: account.id, by: "command line", at: Date())
      } catch let failure as CommandFailure {
        throw failure
      } catch {
        throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
      }
      ScreenWriter.standardError().line("Removed \(name). A console already running signs them out at their next page.")
    }
  }

  /// The data folder's store, with its audit trail keyed to the clinic's public key. The
  /// console may start before any kiosk: then the folder needs only the public key.
  static func openStore(_ options: Options) throws -> any StaffStore {
    if let central = try options.central.store() { return central }
    let folder = DataFolder(path: options.data)
    guard FileManager.default.fileExists(atPath: folder.publicKeyFile.path) else {
      throw CommandFailure(
        message:
          "intake: '\(options.data)' has no clinic key yet. Make one with 'intake keys init --data \(options.data)' "
          + "(or start the kiosk once for a trial key).",
        code: CommandFailure.dataFolder)
    }
    do {
      try folder.prepare()
      try folder.verifyOwnership()
      let publicKey = try FileSafety.read(folder.publicKeyFile.path, as: .file).flatMap {
        try? CoordinatorPublicKey(fileContents: String(decoding: $0, as: UTF8.self))
      }
      return try SQLiteSessionStore(
        folder: folder, auditSealer: publicKey.map { Sealer(recipient: $0) },
        options: .init(refusesUnverifiedAudit: false))
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
  }

  /// The clinic's private key from its file, with the passphrase asked once (a wrong one counts
  /// toward review's lockout, as at `intake review`).
  static func unlockKey(_ options: Options, privateKey: String?, store: any StaffStore) throws
    -> CoordinatorPrivateKey
  {
    let folder = DataFolder(path: options.data)
    let keyPath = privateKey ?? ReviewSession.defaultKey(folder)
    let keyFile: Data
    do {
      guard let data = try FileSafety.read(keyPath, as: .file) else {
        throw CommandFailure(
          message: "intake: cannot read the clinic's private key '\(keyPath)'. Give it with --private-key.",
          code: CommandFailure.usage)
      }
      keyFile = data
    } catch let failure as CommandFailure {
      throw failure
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    let isTrial = URL(fileURLWithPath: keyPath).standardizedFileURL == folder.trialPrivateKeyFile.standardizedFileURL
    // Asked before anything else is said, every time: a passphrase typed by habit never lands
    // on the shell's command line.
    let passphrase = isTrial ? "" : PassphraseReader.read(prompt: "Passphrase for the clinic's private key: ")
    guard let passphrase else {
      throw CommandFailure(
        message: "intake: no terminal to ask the passphrase at; set \(PassphraseReader.environmentVariable).",
        code: CommandFailure.usage)
    }
    do {
      if let until = try store.reviewLockedUntil(at: Date()) {
        throw CommandFailure(
          message: "intake: the key is locked after too many wrong passphrases, until \(ReviewSession.clock(until)).",
          code: ReviewSession.locked)
      }
      let key = try CoordinatorPrivateKey.unlock(keyFile, passphrase: passphrase)
      try store.recordUnlock(at: Date())
      return key
    } catch let failure as CommandFailure {
      throw failure
    } catch KeyError.wrongPassphrase {
      _ = try? store.recordUnlockFailure(
        limit: ReviewSession.attemptLimit, lockout: ReviewSession.lockout, at: Date())
      throw CommandFailure(message: "intake: the passphrase is wrong.", code: ReviewSession.locked)
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.usage)
    }
  }
}

extension StaffRole: ExpressibleByArgument {}
