import Foundation
import Testing

@testable import IntakeCentral
@testable import IntakeStore

#if canImport(Glibc)
  import Glibc
#endif

/// The forwarder's deadline without a server: a listener that takes the connection and never
/// says a word (a half-open network, a proxy whose far side hung) gives up at the deadline and
/// keeps every record. No cluster needed: nothing answers.
@Suite struct ForwarderDeadlineTests {
  @Test(.timeLimit(.minutes(1)))
  func aServerThatTakesTheConnectionAndNeverSpeaksIsGivenUpAtTheDeadline() async throws {
    let silent = try SilentListener()
    defer { silent.close() }
    let store = try OutboxForwarderTests.kioskStore(intakes: 2)
    let waiting = try store.outboxStatus().pending
    let central = CentralConfiguration(
      host: "127.0.0.1", port: silent.port, role: "kiosk", database: "intake", tls: .disable, password: "x")
    let forwarder = OutboxForwarder(store: store, central: central, origin: OutboxForwarderTests.origin)
    forwarder.answerDeadline = .milliseconds(500)
    do {
      try await forwarder.drain()
      Issue.record("a server that never answered was taken as reached")
    } catch {
      #expect(error.description.contains("no answer within"), "\(error)")
      #expect(error.description.contains("connecting"), "\(error)")
    }
    let status = try store.outboxStatus()
    #expect(status.pending == waiting)
    #expect(status.failingSince != nil)
  }
}

extension ForwarderDeadlineTests {
  @Test func aPassSaysWhatItSentInWords() {
    #expect(OutboxForwarder.Pass(accepted: 1).summary == "forwarded 1 record (1 new, 0 the server had).")
    #expect(
      OutboxForwarder.Pass(accepted: 2, duplicates: 1, rejected: 1).summary
        == "forwarded 4 records (2 new, 1 the server had, 1 REFUSED as different from what it has).")
  }
}

/// A TCP listener on 127.0.0.1 that never accepts: the kernel completes each connection into
/// its backlog, so a client's connect succeeds and its first message is never answered.
final class SilentListener {
  let port: Int
  private let socket: Int32

  init() throws {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(socket, 16) == 0 else { throw StoreError.io("cannot listen on 127.0.0.1") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    self.socket = socket
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  func close() { _ = Glibc.close(socket) }
}
