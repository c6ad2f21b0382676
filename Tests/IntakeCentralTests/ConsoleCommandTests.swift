import Foundation
import IntakeKit
import IntakeTestSupport
import Testing

@testable import IntakeCentral

/// The whole way, with the real binary: two kiosks take intakes into their own data folders,
/// their forwarders send them to the cluster, and `intake console --central` serves both to a
/// browser (curl here), each with its site and kiosk.
@Suite(.serialized, .enabled(if: TestCluster.available, "needs the cluster `scripts/postgres run` starts (make test)"))
struct ConsoleCommandTests {
  /// The lines a shipped journey types.
  static func typed(_ journey: String) throws -> String {
    let folder = URL(fileURLWithPath: TestSupport.shippedDialogPath).appendingPathComponent("transcripts")
    let file = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix(journey + "-") })
    let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    return try Transcript.parse(text, path: file).inputs.compactMap { input -> String? in
      if case .line(let typed) = input { return typed + "\n" }
      return nil
    }.joined()
  }

  @Test func theConsoleServesTwoKiosksIntakesFromTheCentralStore() async throws {
    let fixture = try await TestCluster.fixture()
    let southKiosk = try await TestCluster.addKiosk(fixture, role: "south", site: "south", kiosk: "front-2")
    let (southRole, southPassword) = (southKiosk.role, southKiosk.password)
    let server = "127.0.0.1:\(fixture.owner.port)/\(fixture.database)?sslmode=disable"
    // One clinic key: the north kiosk makes its trial key; the south kiosk is given the same.
    let north = try TestSupport.temporaryFolder("central-north").appendingPathComponent("data").path
    let south = try TestSupport.temporaryFolder("central-south").appendingPathComponent("data").path
    for (data, kiosk, site, role, password, journey) in [
      (north, "lobby-1", "north", fixture.kiosk.role, fixture.kiosk.password, "01"),
      (south, "front-2", "south", southRole, southPassword, "06"),
    ] {
      if data == south {
        // The clinic's public key, as set up at every kiosk.
        try FileManager.default.createDirectory(atPath: south + "/keys", withIntermediateDirectories: true)
        chmod(south, 0o700)
        chmod(south + "/keys", 0o700)
        try FileManager.default.copyItem(
          atPath: north + "/keys/coordinator.pub", toPath: south + "/keys/coordinator.pub")
      }
      let taken = try TestCluster.intake(
        [
          "kiosk", "--once", "--dialog", TestSupport.shippedDialogPath, "--data", data, "--kiosk-name", kiosk,
          "--resume-kdf-rounds", "1024",
        ], seconds: 120, typed: try Self.typed(journey))
      #expect(taken.status == 0, "\(taken.output.suffix(800))")
      let sent = try TestCluster.intake([
        "forward", "--until-empty", "--data", data, "--site", site, "--kiosk", kiosk, "--url",
        "postgres://\(role)@\(server)", "--password-file", try ForwardCommandTests.passwordFile(password),
      ])
      #expect(sent.status == 0 && sent.output.contains("new"), "\(sent.output)")
    }

    // An intake left part way (its input ends): suspended at the kiosk, forwarded as it stood.
    let partial = try Self.typed("07").split(separator: "\n").prefix(12).map { $0 + "\n" }.joined()
    let left = try TestCluster.intake(
      [
        "kiosk", "--once", "--dialog", TestSupport.shippedDialogPath, "--data", north, "--kiosk-name", "lobby-1",
        "--resume-kdf-rounds", "1024",
      ], seconds: 120, typed: partial)
    #expect(left.output.contains("Your answers so far are saved"), "\(left.output.suffix(800))")
    let resent = try TestCluster.intake([
      "forward", "--until-empty", "--data", north, "--site", "north", "--kiosk", "lobby-1", "--url",
      "postgres://\(fixture.kiosk.role)@\(server)", "--password-file",
      try ForwardCommandTests.passwordFile(fixture.kiosk.password),
    ])
    #expect(resent.status == 0, "\(resent.output)")

    let central = ["--central", "postgres://\(fixture.console.role)@\(server)"]
    let consolePassword = try ForwardCommandTests.passwordFile(fixture.console.password)
    let added = try TestCluster.intake(
      ["console", "add-account", "ana", "--role", "admin", "--data", north, "--password-file", consolePassword]
        + central, environment: ["INTAKE_ACCOUNT_PASSPHRASE": "ana's long passphrase"])
    #expect(added.status == 0, "\(added.output)")

    // The terminal review reads the same central store.
    let reviewed = try TestCluster.intake(
      [
        "review", "list", "--data", north, "--dialog", TestSupport.shippedDialogPath, "--password-file",
        consolePassword,
      ]
        + central)
    #expect(reviewed.status == 0, "\(reviewed.output)")
    #expect(reviewed.output.contains("Ana Rivera") && reviewed.output.contains("Grace Rivera"), "\(reviewed.output)")

    let console = Process()
    console.executableURL = TestSupport.repositoryRoot.appendingPathComponent(".build/debug/intake")
    console.arguments =
      [
        "console", "--port", "0", "--data", north, "--dialog", TestSupport.shippedDialogPath, "--password-file",
        consolePassword,
      ]
      + central
    let output = Pipe()
    console.standardOutput = output
    console.standardError = output
    try console.run()
    defer {
      console.terminate()
      console.waitUntilExit()
    }
    // "intake console: serving http://127.0.0.1:PORT/ (stop with Ctrl-C)"
    var said = ""
    while !said.contains("\n"), console.isRunning {
      said += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
    }
    let address = try #require(said.split(separator: " ").first { $0.hasPrefix("http://") }, "\(said)")
    let jar = try TestSupport.temporaryFolder("central-jar").appendingPathComponent("jar").path
    _ = try Self.curl([
      "-c", jar, "-d", "name=ana", "--data-urlencode", "passphrase=ana's long passphrase", "\(address)sign-in",
    ])
    let queue = try Self.curl(["-b", jar, String(address)])
    #expect(queue.contains("Ana Rivera"), "\(queue)")
    #expect(queue.contains("lobby-1, site north") && queue.contains("front-2, site south"), "\(queue)")
    // Rebuilt from its sealed inputs with the dialog, as a kiosk's own console does.
    #expect(queue.contains("Grace Rivera") && queue.contains("Not finished"), "\(queue)")
    let southOnly = try Self.curl(["-b", jar, "\(address)?site=south"])
    #expect(southOnly.contains("front-2, site south") && !southOnly.contains("Ana Rivera"), "\(southOnly)")
  }

  /// curl's output (the page), following no redirect.
  static func curl(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-s", "--max-time", "30"] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
