import ArgumentParser
import Foundation
import IntakeCommandLine
import IntakeStore
import IntakeTerminal

/// `intake keys`: the coordinator's key pair.
struct KeysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keys",
    abstract: "Manage the coordinator's key pair that seals submissions.",
    subcommands: [Init.self]
  )

  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Make the coordinator's key pair; the private key is protected by a passphrase.",
      discussion: """
        The public key goes to DATA/keys/coordinator.pub, where the kiosk seals every submission \
        to it. The private key is written to --private-key, encrypted under the passphrase \
        (scrypt, then ChaCha20-Poly1305): keep it off the kiosk, on the coordinator's machine. \
        The passphrase is asked twice at the terminal, or read from \(PassphraseReader.environmentVariable).
        """
    )

    @Option(help: "The kiosk's data folder, which gets the public key.")
    var data: String = KioskRun.defaultData

    @Option(help: ArgumentHelp("Where to write the encrypted private key.", valueName: "file"))
    var privateKey: String = "intake-keys/coordinator.key"

    @Flag(help: "Replace an existing coordinator key (submissions sealed to it stay readable only with it).")
    var force = false

    static let minimumLength = 10

    func run() throws {
      umask(0o077)
      let folder = DataFolder(path: data)
      let hasKey = FileManager.default.fileExists(atPath: folder.publicKeyFile.path)
      let hasTrial = FileManager.default.fileExists(atPath: folder.trialPrivateKeyFile.path)
      if hasKey && !hasTrial && !force {
        throw CommandFailure(
          message: "intake: \(folder.publicKeyFile.path) already holds a coordinator key. Use --force to replace it.",
          code: CommandFailure.usage)
      }
      if FileManager.default.fileExists(atPath: privateKey) && !force {
        throw CommandFailure(
          message: "intake: \(privateKey) already exists. Use --force to replace it.", code: CommandFailure.usage)
      }
      guard let passphrase = PassphraseReader.read(prompt: "Passphrase for the coordinator's private key: "),
        passphrase.count >= Self.minimumLength
      else {
        throw CommandFailure(
          message: "intake: the passphrase must have at least \(Self.minimumLength) characters.",
          code: CommandFailure.usage)
      }
      if ProcessInfo.processInfo.environment[PassphraseReader.environmentVariable] == nil {
        guard PassphraseReader.read(prompt: "The same passphrase again: ") == passphrase else {
          throw CommandFailure(
            message: "intake: the two passphrases differ; nothing was written.", code: CommandFailure.usage)
        }
      }
      let key = CoordinatorPrivateKey()
      do {
        try folder.prepare()
        let privateURL = URL(fileURLWithPath: privateKey)
        try FileManager.default.createDirectory(
          at: privateURL.deletingLastPathComponent(), withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700])
        try DataFolder.write(try key.locked(passphrase: passphrase), to: privateURL)
        try DataFolder.write(Data(key.publicKey.fileContents.utf8), to: folder.publicKeyFile)
        if hasTrial {
          // Kept, renamed: what was sealed to the trial key stays readable with it.
          let retired = folder.trialPrivateKeyFile.appendingPathExtension("retired")
          try? FileManager.default.removeItem(at: retired)
          try FileManager.default.moveItem(at: folder.trialPrivateKeyFile, to: retired)
        }
      } catch {
        throw CommandFailure(message: "intake: \(error); the key pair was not made.", code: CommandFailure.dataFolder)
      }
      ScreenWriter.standardError().line(
        "Made the coordinator's key pair (fingerprint \(key.publicKey.fingerprint)).\n"
          + "  public key:  \(folder.publicKeyFile.path) (the kiosk seals submissions to it)\n"
          + "  private key: \(privateKey) (encrypted; move it to the coordinator's machine)"
          + (hasTrial
            ? "\nThe trial private key was renamed \(folder.trialPrivateKeyFile.lastPathComponent).retired; delete it "
              + "once nothing sealed to it is needed."
            : ""))
    }
  }
}
