import Crypto
import Foundation
import Testing

@testable import IntakeStore

/// Hashes, MACs and fingerprints are written as they always were: Foundation's `%02x` per byte.
@Suite struct HexTextTests {
  @Test func everyByteIsWrittenAsFoundationWritesIt() {
    let bytes = (0...255).map(UInt8.init)
    #expect(HexText.of(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
    #expect(HexText.of([UInt8]()) == "")
    let digest = SHA256.hash(data: Data("intake".utf8))
    #expect(HexText.of(digest) == digest.map { String(format: "%02x", $0) }.joined())
    #expect(HexText.of(digest.prefix(8)).count == 16)
  }
}
