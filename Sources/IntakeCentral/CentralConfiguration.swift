import Foundation
import NIOSSL
import PostgresNIO

/// Where the central PostgreSQL store is and how to reach it: a URL
/// (`postgres://role@host:5432/database?sslmode=require`), with the password from a file or the
/// environment (`INTAKE_DB_PASSWORD`), never the URL or a command's arguments, where any process
/// on the machine could read it.
public struct CentralConfiguration: Sendable, Equatable {
  /// How the connection is protected. `verifyFull` checks the server's certificate and name
  /// against the system's trusted roots (or `rootCertificate`); `require` encrypts without
  /// checking who answers (a network you trust); `disable` is for a server on this machine.
  public enum TLSMode: String, Sendable, CaseIterable {
    case disable
    case require
    case verifyFull = "verify-full"
  }

  public var host: String
  public var port: Int
  public var role: String
  public var database: String
  public var tls: TLSMode
  /// A PEM file of the certificate authority that signed the server's certificate
  /// (`sslrootcert=`), for `verify-full` against a clinic's own authority.
  public var rootCertificate: String?
  public var password: String?

  public init(
    host: String, port: Int = 5432, role: String, database: String, tls: TLSMode = .verifyFull,
    rootCertificate: String? = nil, password: String? = nil
  ) {
    self.host = host
    self.port = port
    self.role = role
    self.database = database
    self.tls = tls
    self.rootCertificate = rootCertificate
    self.password = password
  }

  /// Reads a URL. A password in it is refused: it would sit in shell history and process lists.
  public init(url text: String) throws(CentralError) {
    guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql" else {
      throw .badURL("write the database as postgres://ROLE@HOST:PORT/DATABASE?sslmode=verify-full")
    }
    guard url.password == nil else {
      throw .badURL(
        "the URL holds a password; put it in a file (--password-file) or INTAKE_DB_PASSWORD instead")
    }
    guard let host = url.host, !host.isEmpty else { throw .badURL("the URL names no host") }
    guard let role = url.user, !role.isEmpty else { throw .badURL("the URL names no role (postgres://ROLE@HOST/...)") }
    let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
    guard !database.isEmpty else { throw .badURL("the URL names no database (postgres://ROLE@HOST/DATABASE)") }
    var tls = TLSMode.verifyFull
    var root: String?
    for item in url.queryItems ?? [] {
      switch item.name {
      case "sslmode":
        guard let value = item.value, let mode = TLSMode(rawValue: value) else {
          throw .badURL(
            "sslmode must be " + TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
              + " (prefer and allow could fall back to no encryption without a word)")
        }
        tls = mode
      case "sslrootcert": root = item.value
      default: throw .badURL("unknown setting '\(item.name)' in the URL; known: sslmode, sslrootcert")
      }
    }
    self.init(
      host: host, port: url.port ?? 5432, role: role, database: database, tls: tls, rootCertificate: root)
  }

  /// The password from `file` (its first line), else from `INTAKE_DB_PASSWORD`, else none.
  public func withPassword(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(CentralError) -> CentralConfiguration
  {
    var configured = self
    if let file {
      // A password others can read is no password: refused, as the kiosk refuses such key files.
      var status = stat()
      if stat(file, &status) == 0, status.st_mode & 0o077 != 0 {
        throw .passwordFile("others can read the password file '\(file)': run chmod 600 '\(file)'")
      }
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw .passwordFile("cannot read the password file '\(file)'")
      }
      let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
      guard !line.isEmpty else { throw .passwordFile("the password file '\(file)' is empty") }
      configured.password = line
    } else if let password = environment["INTAKE_DB_PASSWORD"], !password.isEmpty {
      configured.password = password
    }
    return configured
  }

  /// The configuration PostgresNIO connects with.
  func connection() throws(CentralError) -> PostgresConnection.Configuration {
    let tls: PostgresConnection.Configuration.TLS
    switch self.tls {
    case .disable:
      tls = .disable
    case .require:
      var settings = TLSConfiguration.makeClientConfiguration()
      settings.certificateVerification = .none
      do { tls = .require(try NIOSSLContext(configuration: settings)) } catch { throw .tls("\(error)") }
    case .verifyFull:
      var settings = TLSConfiguration.makeClientConfiguration()
      settings.certificateVerification = .fullVerification
      if let rootCertificate {
        settings.trustRoots = .file(rootCertificate)
      }
      do { tls = .require(try NIOSSLContext(configuration: settings)) } catch { throw .tls("\(error)") }
    }
    var configuration = PostgresConnection.Configuration(
      host: host, port: port, username: role, password: password, database: database, tls: tls)
    configuration.options.connectTimeout = .seconds(10)
    if self.tls == .verifyFull { configuration.options.tlsServerName = host }
    return configuration
  }
}
