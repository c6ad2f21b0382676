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

  /// A PostgresNIO error in our words.
  static func from(_ error: any Error) -> CentralError {
    if let error = error as? CentralError { return error }
    if let error = error as? PSQLError {
      if let info = error.serverInfo, let state = info[.sqlState] {
        return .refused(sqlState: state, message: info[.message] ?? "no message")
      }
      return .unreachable(String(describing: error.code))
    }
    return .unreachable(String(describing: type(of: error)))
  }
}
