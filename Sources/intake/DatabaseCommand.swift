import ArgumentParser
import Foundation
import IntakeCentral
import IntakeCommandLine
import IntakeTerminal

/// `intake db`: the central PostgreSQL store several sites share.
struct DatabaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "db",
    abstract: "Set up the central PostgreSQL store that several sites' kiosks and consoles share.",
    discussion: """
      The database is named by a URL: postgres://ROLE@HOST:PORT/DATABASE?sslmode=verify-full \
      (sslmode: verify-full, the default, checks the server's certificate; require encrypts \
      without checking; disable is for a server on this machine). The password comes from \
      --password-file or the environment variable INTAKE_DB_PASSWORD, never the URL or the \
      command line. See README, "Several sites".
      """,
    subcommands: [Migrate.self, AddKiosk.self]
  )

  struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "migrate",
      abstract: "Apply the central store's schema migrations not yet applied (as the owner role).")

    @OptionGroup var database: CentralOptions

    func run() async throws {
      let store: CentralStore
      let configuration = try database.configuration()
      do {
        store = try await CentralStore.connect(configuration)
      } catch {
        throw CommandFailure(message: "intake: \(error)", code: CommandFailure.dataFolder)
      }
      do {
        let applied = try await store.migrate()
        let all = try await store.appliedMigrations()
        await store.close()
        let writer = ScreenWriter()
        if applied.isEmpty {
          writer.line("intake: the central store is up to date (migrations \(Self.list(all))).")
        } else {
          writer.line("intake: applied migrations \(Self.list(applied)); the store is at \(Self.list(all)).")
        }
      } catch {
        await store.close()
        throw CommandFailure(message: "intake: \(error)", code: CommandFailure.dataFolder)
      }
    }

    static func list(_ versions: [Int]) -> String {
      versions.isEmpty ? "none" : versions.map(String.init).joined(separator: ", ")
    }
  }

  struct AddKiosk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-kiosk",
      abstract: "Register a kiosk's database role as a site's kiosk (as the owner role).",
      discussion: """
        The central store takes a record only from the role registered for the site and kiosk it \
        names. Make the role first (CREATE ROLE ... LOGIN PASSWORD ... IN ROLE intake_kiosk); \
        registering it again moves it.
        """)

    @OptionGroup var database: CentralOptions

    @Option(help: ArgumentHelp("The kiosk's database role.", valueName: "role"))
    var role: String

    @Option(help: ArgumentHelp("Its site, as the console shows it.", valueName: "name"))
    var site: String

    @Option(help: ArgumentHelp("Its name at the site (what `intake forward --kiosk` says).", valueName: "name"))
    var kiosk: String

    func run() async throws {
      let configuration = try database.configuration()
      do {
        try await CentralStore.using(configuration) { store in
          try await store.registerKiosk(role: role, site: site, kiosk: kiosk)
        }
      } catch {
        throw CommandFailure(message: "intake: \(error)", code: CommandFailure.dataFolder)
      }
      ScreenWriter().line("intake: role '\(role)' is kiosk '\(kiosk)' at site '\(site)'.")
    }
  }
}

/// The console's and review's optional central store: without `--central`, the data folder.
struct CentralStoreOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The central PostgreSQL store the kiosks forward to, as a URL without its password (README, Several "
        + "sites): work on every site's intakes there, shared with the other consoles, instead of a data folder's.",
      valueName: "url"))
  var central: String?

  @Option(
    help: ArgumentHelp(
      "With --central: a file (readable by its owner only) whose first line is the console role's password "
        + "(or set INTAKE_DB_PASSWORD).", valueName: "path"))
  var passwordFile: String?

  /// The central store when `--central` is given, connected and checked to be migrated.
  func store() throws -> CentralConsoleStore? {
    guard let central else { return nil }
    do {
      return try CentralConsoleStore(try CentralConfiguration(url: central).withPassword(file: passwordFile))
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
  }
}

/// The central database's URL and password file, as every command that reaches it takes them.
struct CentralOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The central database, as a URL without its password.", valueName: "url"))
  var url: String

  @Option(
    help: ArgumentHelp(
      "A file (readable by its owner only) whose first line is the role's password.", valueName: "path"))
  var passwordFile: String?

  /// The configuration, or a failure that says what is wrong with the command line.
  func configuration() throws -> CentralConfiguration {
    do {
      return try CentralConfiguration(url: url).withPassword(file: passwordFile)
    } catch {
      throw CommandFailure(message: "intake: \(error)", code: CommandFailure.usage)
    }
  }
}
