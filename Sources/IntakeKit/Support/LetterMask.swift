/// Which letters a word has, as bits: a lower bound on the edit distance between two words that
/// costs a few instructions, where the distance itself costs thousands. A search for near
/// spellings (a lexicon's hundreds of names for one typed word) skips the words the bound rules
/// out and works out the distance only for the rest.
///
/// Each insertion, deletion, substitution or transposition adds at most one letter one word has
/// and the other lacks, and takes away at most one the other has: so the distance is at least
/// the number of letters either word has that the other lacks. Scalars that share a bit (every
/// scalar past `a`-`z` and `0`-`9` shares one of the rest) only make the bound lower: it never
/// rules out a word within the distance.
struct LetterMask: Equatable, Sendable {
  let bits: UInt64

  init(_ scalars: [Unicode.Scalar]) {
    var bits: UInt64 = 0
    for scalar in scalars { bits |= 1 << Self.bit(scalar) }
    self.bits = bits
  }

  private static func bit(_ scalar: Unicode.Scalar) -> UInt64 {
    switch scalar.value {
    case 0x61...0x7A: UInt64(scalar.value - 0x61)  // a-z: bits 0-25
    case 0x30...0x39: UInt64(scalar.value - 0x30 + 26)  // 0-9: bits 26-35
    default: 36 + UInt64(scalar.value % 28)  // the rest share bits 36-63
    }
  }

  /// At least how many edits turn one word into the other.
  func distanceBound(to other: LetterMask) -> Int {
    max((bits & ~other.bits).nonzeroBitCount, (other.bits & ~bits).nonzeroBitCount)
  }
}
