import PostgresNIO

/// What went wrong with the central store, in words for whoever runs the kiosks. No patient data
/// is ever in it: the store sees ids, sites, times and sealed bytes only, and a server's message
/// is reduced to its SQLSTATE and text (never the query, whose parameters are sealed bytes).
public enum CentralError: Error, Sendable, Equatable, CustomStringConvertible {
  case badURL(String)
  case passwordFile(String)
  case tls(String)
  /// The server could not be reached or the connection was lost: the outbox keeps the records.
  case unreachable(String)
  /// The server refused (a permission, a constraint): SQLSTATE and the server's words.
  case refused(sqlState: String, message: String)
  /// A record with this id arrived before with different content.
  case conflicting(id: String)

  public var description: String {
    switch self {
    case .badURL(let why): return "the database URL: \(why)"
    case .passwordFile(let why): return why
    case .tls(let why): return "cannot set up TLS for the database: \(why)"
    case .unreachable(let why): return "the central database cannot be reached: \(why)"
    case .refused(let state, let message): return "the central database refused: \(message) (SQLSTATE \(state))"
    case .conflicting(let id): return "record \(id) reached the central database before with other content"
    }
  }

  /// The SQLSTATE a permission is refused with.
  public static let insufficientPrivilege = "42501"

  /// A PostgresNIO error in our words: what happened and what to do, never the library's
  /// internal name alone. `server` names where it was going ("db.clinic.example:5432").
  static func from(_ error: any Error, server: String? = nil) -> CentralError {
    if let error = error as? CentralError { return error }
    let at = server.map { " (\($0))" } ?? ""
    if let error = error as? PSQLError {
      if let info = error.serverInfo, let state = info[.sqlState] {
        return .refused(sqlState: state, message: info[.message] ?? "no message")
      }
      switch error.code {
      case .sslUnsupported:
        return .unreachable(
          "the server\(at) does not offer TLS. Turn TLS on at the server (ssl = on), or, only for a server on "
            + "this machine, put sslmode=disable in the URL")
      case .authMechanismRequiresPassword:
        return .unreachable("the server\(at) asks for a password: give --password-file or set INTAKE_DB_PASSWORD")
      case .connectionError, .serverClosedConnection, .uncleanShutdown:
        return .unreachable(
          "no connection to the server\(at): it is down, the host or port is wrong, or the network is out")
      default:
        return .unreachable("the connection to the server\(at) failed (\(error.code))")
      }
    }
    return .unreachable("the connection to the server\(at) failed (\(type(of: error)))")
  }
}
