import Crypto
import Foundation

/// A resume code: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z,
/// 5/S, 8/B, U/V), shown as `KX4M-9TQP`. About 36 bits; with the date of birth it unlocks the
/// session, so guessing it offline costs a scrypt derivation per try, and at the kiosk the store
/// allows only a few wrong attempts.
public struct ResumeCode: Sendable, Equatable, CustomStringConvertible {
  public static let alphabet = Array("ACDEFGHJKMNPQRTWXY34679")
  public static let length = 8

  /// Upper case, without separators.
  public let normalized: String

  /// A new random code.
  public static func random() -> ResumeCode {
    var generator = SystemRandomNumberGenerator()
    let characters = (0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
    return ResumeCode(normalized: String(characters))
  }

  private init(normalized: String) { self.normalized = normalized }

  /// The most a typed code may take, spaces and dashes included: a code typed with generous
  /// spacing fits, a paste of anything else is refused before it is upper-cased and filtered.
  public static let maximumTypedBytes = 64

  /// Reads what a patient typed: case, spaces and dashes do not matter. Nil when it cannot be a code.
  public init?(typed: String) {
    guard typed.utf8.count <= Self.maximumTypedBytes else { return nil }
    let characters = typed.uppercased().filter { !" -\t".contains($0) }
    guard characters.count == Self.length, characters.allSatisfy(Self.alphabet.contains) else { return nil }
    normalized = String(characters)
  }

  /// As shown to the patient: two groups of four.
  public var description: String {
    String(normalized.prefix(4)) + "-" + String(normalized.suffix(4))
  }

  /// What the store indexes sessions by: a hash of the first half, so finding the session does
  /// not need the whole code, and the store does not hold the code itself.
  public var lookup: String {
    HexText.of(SHA256.hash(data: Data("intake-resume|\(normalized.prefix(4))".utf8)))
  }
}
