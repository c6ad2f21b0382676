import Crypto
import Foundation
import _CryptoExtras

/// A secret encrypted under a key derived with scrypt from something a person knows: the
/// coordinator's passphrase (the private key file), or a resume code with a date of birth (an open
/// session's data key). It carries its own cost and salt, so the cost can change without breaking
/// what was written before.
struct ScryptWrap: Codable {
  var n: Int
  var r: Int
  var p: Int
  var salt: Data
  /// ChaCha20-Poly1305, sealed box in its combined form.
  var sealed: Data

  /// Encrypts `secret` under `passphrase`, binding `context` as authenticated data.
  static func seal(_ secret: Data, under passphrase: Data, context: Data, cost: ScryptCost) throws -> ScryptWrap {
    let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
    let key = try cost.derive(from: passphrase, salt: salt)
    let sealed = try ChaChaPoly.seal(secret, using: key, authenticating: context)
    return ScryptWrap(n: cost.rounds, r: cost.blockSize, p: cost.parallelism, salt: salt, sealed: sealed.combined)
  }

  /// The secret, or nil when the passphrase or the context is wrong (or the parameters absurd).
  func open(under passphrase: Data, context: Data) -> Data? {
    guard let box = try? ChaChaPoly.SealedBox(combined: sealed),
      let key = try? ScryptCost(rounds: n, blockSize: r, parallelism: p).derive(from: passphrase, salt: salt)
    else { return nil }
    return try? ChaChaPoly.open(box, using: key, authenticating: context)
  }
}

/// scrypt's cost parameters. The standard cost takes a noticeable fraction of a second, which is
/// what makes guessing a passphrase or a resume code offline slow.
public struct ScryptCost: Sendable, Equatable {
  public var rounds: Int
  public var blockSize: Int
  public var parallelism: Int

  public init(rounds: Int, blockSize: Int, parallelism: Int) {
    self.rounds = rounds
    self.blockSize = blockSize
    self.parallelism = parallelism
  }

  /// Resume codes (with the date of birth): OWASP's current minimum for scrypt (N = 2^17, r = 8,
  /// p = 1), about 0.3 s and 128 MiB a guess on this project's 2-core machine (release build).
  /// The kiosk derives it on a thread of its own while the patient reads the next question
  /// (`StoreKioskHost`), so no answer waits for it; a resume attempt pays it once. The code also
  /// expires and locks after 5 tries.
  public static let standard = ScryptCost(rounds: 1 << 17, blockSize: 8, parallelism: 1)

  /// The coordinator's key file: OWASP's current minimum for scrypt (N = 2^17, r = 8, p = 1),
  /// about 0.3 s and 128 MiB a guess on this project's 2-core machine (release build). Someone
  /// with a copy of the key file can guess offline at this cost, whatever the lockout says; it
  /// is paid once per review session.
  public static let passphrase = ScryptCost(rounds: 1 << 17, blockSize: 8, parallelism: 1)

  func derive(from secret: Data, salt: Data) throws -> SymmetricKey {
    // Refuse absurd parameters read from a file before they allocate.
    guard rounds >= 2, rounds <= 1 << 20, rounds & (rounds - 1) == 0, (1...16).contains(blockSize),
      (1...4).contains(parallelism)
    else { throw KeyError.unreadablePrivateKey }
    return try KDF.Scrypt.deriveKey(
      from: secret, salt: salt, outputByteCount: 32, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
  }
}
