import Crypto
import Foundation
import _CryptoExtras

/// The coordinator's public key: all a kiosk holds. Stored as a short text file.
public struct CoordinatorPublicKey: Sendable, Equatable {
  /// The raw X25519 key (Crypto's key types are not `Sendable`).
  let raw: Data

  static let header = "intake coordinator public key v1"

  init(key: Curve25519.KeyAgreement.PublicKey) { raw = key.rawRepresentation }

  var key: Curve25519.KeyAgreement.PublicKey {
    // `raw` was a valid key when this value was made.
    get throws { try Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) }
  }

  public init(fileContents: String) throws(KeyError) {
    let lines = fileContents.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }
    guard lines.count >= 2, lines[0] == Self.header, let raw = Data(base64Encoded: lines[1]),
      let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)
    else { throw .unreadablePublicKey }
    self.init(key: key)
  }

  public var fileContents: String { Self.header + "\n" + raw.base64EncodedString() + "\n" }

  /// A short fingerprint staff can compare between machines.
  public var fingerprint: String {
    HexText.of(SHA256.hash(data: raw).prefix(8))
  }
}

/// The coordinator's private key. On disk it is encrypted under a key derived from a passphrase
/// with scrypt; in memory only while `intake review` runs.
public struct CoordinatorPrivateKey: Sendable {
  let raw: Data
  /// Worked out once, from the key itself, when this value is made: there is no other way to
  /// come by it, so it can never be a stand-in.
  public let publicKey: CoordinatorPublicKey

  public init() { self.init(key: Curve25519.KeyAgreement.PrivateKey()) }

  init(key: Curve25519.KeyAgreement.PrivateKey) {
    raw = key.rawRepresentation
    publicKey = CoordinatorPublicKey(key: key.publicKey)
  }

  var key: Curve25519.KeyAgreement.PrivateKey {
    get throws { try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) }
  }

  /// A key from its raw bytes (an account's opened key slot).
  init(raw: Data) throws {
    self.init(key: try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw))
  }

  static let format = "intake coordinator private key v1"

  /// The key file: JSON holding the public key and the private key wrapped under the passphrase.
  public func locked(passphrase: String, cost: ScryptCost = .passphrase) throws(KeyError) -> Data {
    do {
      let wrap = try ScryptWrap.seal(raw, under: Data(passphrase.utf8), context: publicKey.raw, cost: cost)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      return try encoder.encode(LockedKeyFile(format: Self.format, publicKey: publicKey.raw, wrap: wrap))
    } catch {
      throw .cannotLock
    }
  }

  /// The public key a key file names, read without the passphrase; nil when the file is not a
  /// key file (unlocking then says so).
  public static func publicKey(ofLockedFile data: Data) -> CoordinatorPublicKey? {
    guard let file = try? JSONDecoder().decode(LockedKeyFile.self, from: data), file.format == format,
      let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: file.publicKey)
    else { return nil }
    return CoordinatorPublicKey(key: key)
  }

  /// Opens a key file with its passphrase.
  public static func unlock(_ data: Data, passphrase: String) throws(KeyError) -> CoordinatorPrivateKey {
    guard let file = try? JSONDecoder().decode(LockedKeyFile.self, from: data), file.format == format else {
      throw .unreadablePrivateKey
    }
    guard let raw = file.wrap.open(under: Data(passphrase.utf8), context: file.publicKey) else {
      throw .wrongPassphrase
    }
    let key: Curve25519.KeyAgreement.PrivateKey
    do {
      key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)
    } catch {
      throw .unreadablePrivateKey
    }
    let unlocked = CoordinatorPrivateKey(key: key)
    // The file names its public key; a private key that does not match it is not this file's.
    guard unlocked.publicKey.raw == file.publicKey else { throw .unreadablePrivateKey }
    return unlocked
  }
}

struct LockedKeyFile: Codable {
  var format: String
  var publicKey: Data
  var wrap: ScryptWrap
}

/// Problems with the coordinator's keys. No secrets in the text.
public enum KeyError: Error, Equatable, CustomStringConvertible {
  case unreadablePublicKey
  case unreadablePrivateKey
  case wrongPassphrase
  case cannotLock

  public var description: String {
    switch self {
    case .unreadablePublicKey: "the coordinator's public key file is damaged or not a key"
    case .unreadablePrivateKey: "the coordinator's private key file is damaged or not a key"
    case .wrongPassphrase: "the passphrase does not open the coordinator's private key"
    case .cannotLock: "the private key could not be encrypted"
    }
  }
}
