import Foundation
import IntakeStore
import Logging
import PostgresNIO

/// One record a kiosk forwards to the central store: a stable id, where it came from (site and
/// kiosk: configuration, not patient data), its kind, its place in the kiosk's outbox, and the
/// sealed bytes.
public struct ForwardedRecord: Sendable, Equatable {
  /// The kiosk's outbox's kinds: one vocabulary (the schema's CHECK lists the same; a test
  /// keeps them together).
  public typealias Kind = OutboxKind

  public var id: UUID
  public var site: String
  public var kiosk: String
  public var kind: Kind
  /// The record's place in its kiosk's outbox (0, 1, 2, ...): the order it is forwarded in.
  public var sequence: Int64
  public var payload: Data

  public init(id: UUID, site: String, kiosk: String, kind: Kind, sequence: Int64, payload: Data) {
    self.id = id
    self.site = site
    self.kiosk = kiosk
    self.kind = kind
    self.sequence = sequence
    self.payload = payload
  }
}

/// What the central consoles did that a kiosk must know (`CentralStore.news`).
public struct KioskNews: Sendable, Equatable {
  public struct Acknowledgement: Sendable, Equatable {
    /// The alert's number at the kiosk.
    public var alertID: Int
    public var by: String
    /// As the console wrote it (the store's timestamp form).
    public var at: String
  }

  public var acknowledgements: [Acknowledgement] = []
  /// When a console last watched the alerts (the store's timestamp form), or nil.
  public var consoleSeenAt: String?
}

/// What the central store said to a forwarded record.
public enum ForwardOutcome: String, Sendable {
  /// Stored now.
  case accepted
  /// Stored before (a retry after a lost reply, or a replay): not stored again.
  case duplicate
  /// Something else is stored under its id or its place in the outbox.
  case rejected
}

/// The central PostgreSQL store over one connection: migrations (as the owner), forwarding (as a
/// kiosk's role). Connections are short-lived and made by whoever needs one; a kiosk's outbox
/// opens one when it has something to send.
public final class CentralStore: Sendable {
  private let connection: PostgresConnection
  private let logger: Logger

  private init(connection: PostgresConnection, logger: Logger) {
    self.connection = connection
    self.logger = logger
  }

  /// Connects (TLS as configured; the password never logged). Nothing is logged at all: a
  /// library's log line could carry a query.
  public static func connect(_ configuration: CentralConfiguration) async throws(CentralError) -> CentralStore {
    let logger = Logger(label: "intake.central") { _ in SwiftLogNoOpLogHandler() }
    let settings = try configuration.connection()
    do {
      let connection = try await PostgresConnection.connect(configuration: settings, id: 1, logger: logger)
      return CentralStore(connection: connection, logger: logger)
    } catch {
      throw CentralError.from(error, server: "\(configuration.host):\(configuration.port)")
    }
  }

  /// Closes the connection. Every connection must be closed (PostgresNIO checks it); `using`
  /// does it on every path.
  public func close() async {
    // Closing a connection the server already dropped fails; it is closed all the same.
    try? await connection.close()
  }

  /// Connects, runs `body`, and closes the connection whether `body` returns or throws.
  public static func using<Result>(
    _ configuration: CentralConfiguration, _ body: (CentralStore) async throws -> Result
  ) async throws -> Result {
    let store = try await connect(configuration)
    do {
      let result = try await body(store)
      await store.close()
      return result
    } catch {
      await store.close()
      throw error
    }
  }

  /// Applies the migrations not yet applied, each in its own transaction; returns their versions.
  /// Run as the owner role. Two at once are serialised by an advisory lock.
  @discardableResult
  public func migrate() async throws(CentralError) -> [Int] {
    do {
      try await run(CentralSchema.ledger)
      var applied: [Int] = []
      for migration in CentralSchema.migrations {
        try await run("BEGIN")
        do {
          try await run("SELECT pg_advisory_xact_lock(72740017)")
          let rows = try await connection.query(
            "SELECT count(*) FROM intake_migration WHERE version = \(migration.version)", logger: logger)
          var done = false
          for try await count in rows.decode(Int64.self) { done = count > 0 }
          if done {
            try await run("COMMIT")
            continue
          }
          for statement in migration.statements { try await run(statement) }
          try await connection.query(
            "INSERT INTO intake_migration (version, name) VALUES (\(migration.version), \(migration.name))",
            logger: logger)
          try await run("COMMIT")
          applied.append(migration.version)
        } catch {
          try? await run("ROLLBACK")
          throw error
        }
      }
      return applied
    } catch {
      let failure = CentralError.from(error)
      if case .refused(CentralError.insufficientPrivilege, let message) = failure, message.contains("create role") {
        throw CentralError.refused(
          sqlState: CentralError.insufficientPrivilege,
          message: message + ". The owner role needs CREATEROLE to make the roles intake_kiosk and intake_console; "
            + "or an administrator makes them first (README, Several sites)")
      }
      throw failure
    }
  }

  /// The migrations applied, in order.
  public func appliedMigrations() async throws(CentralError) -> [Int] {
    do {
      var versions: [Int] = []
      let rows = try await connection.query("SELECT version FROM intake_migration ORDER BY version", logger: logger)
      for try await version in rows.decode(Int.self) { versions.append(version) }
      return versions
    } catch {
      throw CentralError.from(error)
    }
  }

  /// Registers (or moves) a kiosk role as a site's kiosk, as the owner. Refused, with what to
  /// do, for a role that does not exist or is not a kiosk's, and for a site's kiosk another
  /// role holds.
  public func registerKiosk(role: String, site: String, kiosk: String) async throws(CentralError) {
    do {
      var isKiosk: Bool?
      let member = try await connection.query(
        "SELECT pg_has_role(rolname, 'intake_kiosk', 'MEMBER') FROM pg_roles WHERE rolname = \(role)",
        logger: logger)
      for try await value in member.decode(Bool.self) { isKiosk = value }
      guard let isKiosk else {
        throw CentralError.refused(
          sqlState: "42704",
          message: "there is no role '\(role)': make it first (CREATE ROLE \(role) LOGIN PASSWORD '...' IN ROLE "
            + "intake_kiosk; README, Several sites)")
      }
      guard isKiosk else {
        throw CentralError.refused(
          sqlState: "42501",
          message: "the role '\(role)' is not a kiosk's: GRANT intake_kiosk TO \(role) first")
      }
      let holders = try await connection.query(
        "SELECT role::text FROM kiosk WHERE site = \(site) AND kiosk = \(kiosk) AND role <> \(role)", logger: logger)
      for try await holder in holders.decode(String.self) {
        throw CentralError.refused(
          sqlState: "23505",
          message: "kiosk '\(kiosk)' at site '\(site)' is registered to the role '\(holder)' already: give this "
            + "kiosk another name, or register '\(holder)' as another kiosk first")
      }
      try await connection.query(
        """
        INSERT INTO kiosk (role, site, kiosk) VALUES (\(role), \(site), \(kiosk))
        ON CONFLICT (role) DO UPDATE SET site = excluded.site, kiosk = excluded.kiosk, registered_at = now()
        """, logger: logger)
    } catch {
      throw CentralError.from(error)
    }
  }

  /// Forwards one record (as a kiosk's role): stored once, whatever the number of tries.
  public func forward(_ record: ForwardedRecord) async throws(CentralError) -> ForwardOutcome {
    do {
      let rows = try await connection.query(
        """
        SELECT intake_forward(\(record.id), \(record.site), \(record.kiosk), \(record.kind.rawValue), \
        \(record.sequence), \(record.payload))
        """, logger: logger)
      var said: String?
      for try await outcome in rows.decode(String.self) { said = outcome }
      guard let said, let outcome = ForwardOutcome(rawValue: said) else {
        throw CentralError.unreachable("the server gave no answer to a forwarded record")
      }
      return outcome
    } catch {
      throw CentralError.from(error)
    }
  }

  /// What the consoles did that a kiosk must know, read as that kiosk's role: who acknowledged
  /// which of its alerts (by the alert's number at the kiosk), and when a console last watched
  /// the alerts.
  public func news() async throws(CentralError) -> KioskNews {
    do {
      var news = KioskNews()
      let rows = try await connection.query(
        "SELECT alert_id, acknowledged_by, acknowledged_at FROM intake_acknowledgements()", logger: logger)
      for try await (id, by, at) in rows.decode((Int, String, String).self) {
        news.acknowledgements.append(.init(alertID: id, by: by, at: at))
      }
      let seen = try await connection.query("SELECT intake_console_seen()", logger: logger)
      for try await at in seen.decode(String?.self) { news.consoleSeenAt = at }
      return news
    } catch {
      throw CentralError.from(error)
    }
  }

  /// Runs SQL written here (never built from input).
  func run(_ sql: String) async throws {
    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
  }

  /// Runs SQL written here and gives its first column as text, row by row (the tests' view).
  func texts(_ sql: String) async throws(CentralError) -> [String] {
    do {
      var values: [String] = []
      let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
      for try await value in rows.decode(String.self) { values.append(value) }
      return values
    } catch {
      throw CentralError.from(error)
    }
  }
}
