import Crypto
import Foundation
import _CryptoExtras

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

  public static let standard = ScryptCost(rounds: 1 << 15, blockSize: 8, parallelism: 1)

  func derive(from secret: Data, salt: Data) throws -> SymmetricKey {
    // Refuse absurd parameters read from a file before they allocate.
    guard rounds >= 2, rounds <= 1 << 20, rounds & (rounds - 1) == 0, (1...16).contains(blockSize),
      (1...4).contains(parallelism)
    else { throw KeyError.unreadablePrivateKey }
    return try KDF.Scrypt.deriveKey(
      from: secret, salt: salt, outputByteCount: 32, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
  }
}
