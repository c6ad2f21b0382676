import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// Puts `ConsoleApp` on HTTP (or HTTPS) with Hummingbird. Only adapts: the request's method,
/// path, query, form and cookies in; status, headers and body out. Nothing is logged (a URL or a
/// form can hold patient data).
public enum ConsoleServer {
  /// Where to listen, and the certificate and key files when serving HTTPS.
  public struct Endpoint: Sendable {
    public var host: String
    public var port: Int
    public var certificate: String?
    public var privateKey: String?

    public init(host: String, port: Int, certificate: String? = nil, privateKey: String? = nil) {
      self.host = host
      self.port = port
      self.certificate = certificate
      self.privateKey = privateKey
    }

    /// Only this machine can reach it.
    public var isLoopback: Bool { host.hasPrefix("127.") || ["::1", "localhost"].contains(host) }
  }

  /// The largest form the console reads (a note is at most a few thousand characters).
  static let bodyLimit = 64 * 1024

  /// Serves until the process is stopped (SIGINT or SIGTERM ends it gracefully). `started` runs
  /// once the socket is listening, with the port (useful when port 0 asked for any free one).
  public static func run(
    _ app: ConsoleApp, at endpoint: Endpoint, started: @escaping @Sendable (Int) -> Void
  ) async throws {
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
      var request = request
      let form: [String: String]
      if request.method == .post {
        let body = try await request.collectBody(upTo: bodyLimit)
        form = ConsoleRequest.pairs(String(buffer: body))
      } else {
        form = [:]
      }
      let answer = await app.handle(
        ConsoleRequest(
          method: request.method == .post ? .post : .get, path: request.uri.path,
          query: ConsoleRequest.pairs(request.uri.query ?? ""), form: form,
          cookies: ConsoleRequest.cookies(request.headers[.cookie] ?? "")))
      var fields = HTTPFields()
      for (name, value) in answer.headers {
        if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
      }
      return Response(
        status: .init(code: answer.status), headers: fields,
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
    var logger = Logger(label: "intake-console") { _ in SwiftLogNoOpLogHandler() }
    logger.logLevel = .critical
    let server: HTTPServerBuilder
    if let certificate = endpoint.certificate, let key = endpoint.privateKey {
      let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
      let configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
      server = try .tls(.http1(), tlsConfiguration: configuration)
    } else {
      server = .http1()
    }
    let application = Application(
      responder: responder, server: server,
      configuration: ApplicationConfiguration(
        address: .hostname(endpoint.host, port: endpoint.port), serverName: nil),
      onServerRunning: { channel in started(channel.localAddress?.port ?? endpoint.port) },
      logger: logger)
    try await application.runService()
  }
}
