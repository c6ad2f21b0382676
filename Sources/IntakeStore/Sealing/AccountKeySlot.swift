import Foundation

/// The clinic's private key wrapped for one staff account under that person's passphrase
/// (scrypt, as the key file), bound to the account's name and the key's public half: a slot
/// copied onto another account's row does not open. The key itself is never written unwrapped.
public struct AccountKeySlot: Codable, Sendable {
  var format: String
  var publicKey: Data
  var wrap: ScryptWrap

  static let currentFormat = "intake account key slot v1"

  static func context(name: String, publicKey: Data) -> Data {
    Data("\(currentFormat)|\(name)|".utf8) + publicKey
  }

  /// A slot for `name` opened by `passphrase`.
  public static func make(
    for key: CoordinatorPrivateKey, name: String, passphrase: String, cost: ScryptCost = .passphrase
  ) throws(KeyError) -> Data {
    do {
      let wrap = try ScryptWrap.seal(
        key.raw, under: Data(passphrase.utf8), context: context(name: name, publicKey: key.publicKey.raw), cost: cost)
      return try JSONEncoder().encode(AccountKeySlot(format: currentFormat, publicKey: key.publicKey.raw, wrap: wrap))
    } catch {
      throw .cannotLock
    }
  }

  /// The clinic's private key, or `.wrongPassphrase` (also for a slot moved to another name).
  public static func open(_ slot: Data, name: String, passphrase: String) throws(KeyError) -> CoordinatorPrivateKey {
    guard let file = try? JSONDecoder().decode(AccountKeySlot.self, from: slot), file.format == currentFormat else {
      throw .unreadablePrivateKey
    }
    guard
      let raw = file.wrap.open(under: Data(passphrase.utf8), context: context(name: name, publicKey: file.publicKey))
    else { throw .wrongPassphrase }
    guard let key = try? CoordinatorPrivateKey(raw: raw), key.publicKey.raw == file.publicKey else {
      throw .unreadablePrivateKey
    }
    return key
  }
}
