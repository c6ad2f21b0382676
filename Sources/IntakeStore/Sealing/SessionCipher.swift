import Crypto
import Foundation
import IntakeKit

/// Protects an open session's answers at rest. Each session has its own random data key; every
/// saved input is encrypted with it (ChaCha20-Poly1305, bound to the session id and its position,
/// so entries cannot be reordered or moved between sessions). The data key itself is kept only
/// wrapped: sealed to the coordinator's public key, and, once the patient has a resume code,
/// encrypted under a key derived with scrypt from the code and the date of birth. The kiosk keeps
/// no copy it could open later: after the process ends, only the coordinator or the patient can.
// Unchecked: swift-crypto's `SymmetricKey` is not marked Sendable, but nothing here changes after
// it is made (every property is a `let`), so a copy can derive a resume wrap on another thread.
public struct SessionCipher: @unchecked Sendable {
  public let sessionID: String
  let key: SymmetricKey

  public init(sessionID: String) {
    self.sessionID = sessionID
    key = SymmetricKey(size: .bits256)
  }

  init(sessionID: String, key: SymmetricKey) {
    self.sessionID = sessionID
    self.key = key
  }

  /// Seals one input with a random nonce, bound to the session and `position`.
  public func seal(_ plaintext: Data, position: Int) throws(SealError) -> Data {
    do {
      return try ChaChaPoly.seal(plaintext, using: key, nonce: try Self.randomNonce(), authenticating: aad(position))
        .combined
    } catch {
      throw .sealingFailed
    }
  }

  /// A random 96-bit nonce from the kernel's generator in one go: swift-crypto's own asks for 64
  /// bits at a time, two `getrandom(2)` calls at every answer. glibc's `arc4random_buf` (2.36 and
  /// later) takes the bytes from the kernel's generator at each call: one `getrandom` on glibc
  /// 2.36-2.40 (Debian 12 has 2.36); from 2.41 on Linux 6.11, the kernel's vDSO, without a system
  /// call. It has no failure to report: without a generator it ends the process, as the Swift
  /// runtime's does.
  static func randomNonce() throws(SealError) -> ChaChaPoly.Nonce {
    var bytes = (UInt64(0), UInt32(0))
    let size = MemoryLayout<(UInt64, UInt32)>.size
    withUnsafeMutableBytes(of: &bytes) { buffer in
      if let base = buffer.baseAddress { arc4random_buf(base, size) }
    }
    do {
      return try withUnsafeBytes(of: &bytes) {
        try ChaChaPoly.Nonce(data: UnsafeRawBufferPointer(rebasing: $0.prefix(size)))
      }
    } catch {
      throw .sealingFailed
    }
  }

  public func open(_ sealed: Data, position: Int) throws(SealError) -> Data {
    guard let box = try? ChaChaPoly.SealedBox(combined: sealed) else { throw .notASealedRecord }
    guard let plaintext = try? ChaChaPoly.open(box, using: key, authenticating: aad(position)) else {
      throw .rejected
    }
    return plaintext
  }

  private func aad(_ position: Int) -> Data {
    Data(utf8Of: "intake|input|" + sessionID + "|" + String(position))
  }

  /// The data key sealed to the coordinator, so an unfinished intake can still be read in review.
  public func sealedForCoordinator(_ sealer: Sealer) throws(SealError) -> Data {
    try sealer.seal(key.withUnsafeBytes { Data($0) }, purpose: .sessionKey, context: sessionID)
  }

  /// The data key recovered by the coordinator.
  public static func recovered(sessionID: String, sealedKey: Data, opener: Opener) throws(SealError) -> SessionCipher {
    let raw = try opener.open(sealedKey, purpose: .sessionKey, context: sessionID)
    guard raw.count == 32 else { throw .rejected }
    return SessionCipher(sessionID: sessionID, key: SymmetricKey(data: raw))
  }

  /// The data key encrypted under the resume code and date of birth.
  public func wrapped(code: ResumeCode, dateOfBirth: String, cost: ScryptCost = .standard) throws(SealError) -> Data {
    do {
      let wrap = try ScryptWrap.seal(
        key.withUnsafeBytes { Data($0) }, under: Self.secret(code, dateOfBirth), context: Data(sessionID.utf8),
        cost: cost)
      return try JSONEncoder().encode(wrap)
    } catch {
      throw .sealingFailed
    }
  }

  /// The data key recovered with the resume code and date of birth, or nil when either is wrong.
  public static func unwrapped(sessionID: String, wrap data: Data, code: ResumeCode, dateOfBirth: String)
    -> SessionCipher?
  {
    guard let wrap = try? JSONDecoder().decode(ScryptWrap.self, from: data),
      let raw = wrap.open(under: secret(code, dateOfBirth), context: Data(sessionID.utf8)), raw.count == 32
    else { return nil }
    return SessionCipher(sessionID: sessionID, key: SymmetricKey(data: raw))
  }

  private static func secret(_ code: ResumeCode, _ dateOfBirth: String) -> Data {
    Data("\(code.normalized)|\(dateOfBirth)".utf8)
  }
}
