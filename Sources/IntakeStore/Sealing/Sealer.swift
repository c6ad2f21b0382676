import Crypto
import Foundation

/// Seals data to the coordinator's public key with HPKE (RFC 9180, X25519 + HKDF-SHA256 +
/// ChaCha20-Poly1305), so the kiosk that wrote it cannot read it back.
///
/// Every sealed record names what it is (`purpose`) and whose it is (`context`, a session id) in
/// its authenticated data: a record moved to another session, or used as something else, fails to
/// open just as an edited one does.
public struct Sealer: Sendable {
  public let recipient: CoordinatorPublicKey

  public init(recipient: CoordinatorPublicKey) { self.recipient = recipient }

  static var suite: HPKE.Ciphersuite { .Curve25519_SHA256_ChachaPoly }
  /// The format tag at the start of every sealed record.
  static let magic = Data("IKS1".utf8)

  public func seal(_ plaintext: Data, purpose: SealPurpose, context: String) throws(SealError) -> Data {
    do {
      var sender = try HPKE.Sender(
        recipientKey: recipient.key, ciphersuite: Self.suite, info: Data(purpose.rawValue.utf8))
      let ciphertext = try sender.seal(plaintext, authenticating: Self.associatedData(purpose, context))
      let encapsulated = sender.encapsulatedKey
      var record = Self.magic
      record.append(UInt8(encapsulated.count))
      record.append(encapsulated)
      record.append(ciphertext)
      return record
    } catch {
      throw .sealingFailed
    }
  }

  static func associatedData(_ purpose: SealPurpose, _ context: String) -> Data {
    Data("intake|\(purpose.rawValue)|\(context)".utf8)
  }
}

/// Opens records sealed to the coordinator's key. Only `intake review` holds one.
public struct Opener: Sendable {
  let privateKey: CoordinatorPrivateKey

  public init(privateKey: CoordinatorPrivateKey) { self.privateKey = privateKey }

  public func open(_ record: Data, purpose: SealPurpose, context: String) throws(SealError) -> Data {
    let bytes = [UInt8](record)
    let magic = [UInt8](Sealer.magic)
    guard bytes.count > magic.count + 1, Array(bytes[0..<magic.count]) == magic else { throw .notASealedRecord }
    let length = Int(bytes[magic.count])
    let start = magic.count + 1
    guard bytes.count > start + length else { throw .notASealedRecord }
    let encapsulated = Data(bytes[start..<(start + length)])
    let ciphertext = Data(bytes[(start + length)...])
    do {
      var recipient = try HPKE.Recipient(
        privateKey: privateKey.key, ciphersuite: Sealer.suite, info: Data(purpose.rawValue.utf8),
        encapsulatedKey: encapsulated)
      return try recipient.open(ciphertext, authenticating: Sealer.associatedData(purpose, context))
    } catch {
      throw .rejected
    }
  }
}

/// What a sealed record holds; part of what it authenticates.
public enum SealPurpose: String, Sendable {
  /// A finished submission: the summary, as JSON and Markdown.
  case submission = "intake-submission-v1"
  /// An open session's data key, so the coordinator can read an intake that was never finished.
  case sessionKey = "intake-session-key-v1"
  /// A coordinator's review note (older marks: bound to the session only).
  case reviewNote = "intake-review-note-v1"
  /// A review mark's note, bound to the session, the reviewer's name and the time.
  case reviewMark = "intake-review-mark-v2"
  /// The first key of a keyed stretch of the audit trail (context: its first sequence number).
  case auditKey = "intake-audit-key-v1"
}

/// Why sealing or opening failed. No patient data in the text.
public enum SealError: Error, Equatable, CustomStringConvertible {
  case sealingFailed
  case notASealedRecord
  /// Tampered with, moved from another session, or sealed to another key.
  case rejected

  public var description: String {
    switch self {
    case .sealingFailed: "the record could not be sealed"
    case .notASealedRecord: "this is not a sealed intake record"
    case .rejected:
      "the sealed record was rejected: it was altered, belongs to another session, or was sealed to another key"
    }
  }
}
