import Crypto
import Foundation
import Testing

@testable import IntakeStore

/// RFC 9180's known answers for the suite the sealer uses: DHKEM(X25519, HKDF-SHA256),
/// HKDF-SHA256, ChaCha20-Poly1305, mode_base (RFC 9180 appendix A.2.1, "Base Setup Information",
/// https://www.rfc-editor.org/rfc/rfc9180#appendix-A.2.1; the same vector is the entry with
/// mode 0, kem_id 32, kdf_id 1, aead_id 3 in the CFRG's test-vectors.json,
/// https://github.com/cfrg/draft-irtf-cfrg-hpke). The values are typed in from the document.
///
/// Round trips alone cannot tell a sealer that agrees with itself from one that agrees with the
/// standard: a coordinator's review tool built on another HPKE library must be able to open what
/// the kiosk sealed. swift-crypto picks the sender's ephemeral key at random and offers no way to
/// derive a key pair from `ikm` or to set the ephemeral key, so the sender's `enc` cannot be
/// reproduced; everything the recipient computes can, and so can the KEM's key serialisation.
@Suite struct HPKEKnownAnswerTests {
  /// One listed encryption: its sequence number, nonce, associated data and ciphertext.
  struct Encryption {
    var sequence: UInt64
    var nonce: String
    var aad: String
    var ct: String
  }

  /// One listed export: its context and the 32-byte value.
  struct Export {
    var context: String
    var value: String
  }

  static let info = "4f6465206f6e2061204772656369616e2055726e"
  static let pkEm = "1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a"
  static let skEm = "f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600"
  static let pkRm = "4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a"
  static let skRm = "8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb"
  static let enc = "1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a"
  static let key = "ad2744de8e17f4ebba575b3f5f5a8fa1f69c2a07f6e7500bc60ca6e3e3ec1c91"
  static let baseNonce = "5c4d98150661b848853b547f"
  static let pt = "4265617574792069732074727574682c20747275746820626561757479"

  static let encryptions = [
    Encryption(
      sequence: 0, nonce: "5c4d98150661b848853b547f", aad: "436f756e742d30",
      ct: "1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28"),
    Encryption(
      sequence: 1, nonce: "5c4d98150661b848853b547e", aad: "436f756e742d31",
      ct: "6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e85285337cc95ba5f59992dc98c"),
    Encryption(
      sequence: 2, nonce: "5c4d98150661b848853b547d", aad: "436f756e742d32",
      ct: "71146bd6795ccc9c49ce25dda112a48f202ad220559502cef1f34271e0cb4b02b4f10ecac6f48c32f878fae86b"),
    Encryption(
      sequence: 4, nonce: "5c4d98150661b848853b547b", aad: "436f756e742d34",
      ct: "63357a2aa291f5a4e5f27db6baa2af8cf77427c7c1a909e0b37214dd47db122bb153495ff0b02e9e54a50dbe16"),
    Encryption(
      sequence: 255, nonce: "5c4d98150661b848853b5480", aad: "436f756e742d323535",
      ct: "18ab939d63ddec9f6ac2b60d61d36a7375d2070c9b683861110757062c52b8880a5f6b3936da9cd6c23ef2a95c"),
    Encryption(
      sequence: 256, nonce: "5c4d98150661b848853b557f", aad: "436f756e742d323536",
      ct: "7a4a13e9ef23978e2c520fd4d2e757514ae160cd0cd05e556ef692370ca53076214c0c40d4c728d6ed9e727a5b"),
  ]

  static let exports = [
    Export(context: "", value: "4bbd6243b8bb54cec311fac9df81841b6fd61f56538a775e7c80a9f40160606e"),
    Export(context: "00", value: "8c1df14732580e5501b00f82b10a1647b40713191b7c1240ac80e2b68808ba69"),
    Export(
      context: "54657374436f6e74657874", value: "5acb09211139c43b3090489a9da433e8a30ee7188ba8b0a9a1ccf0c229283e53"),
  ]

  /// The vector's recipient context, as the coordinator's review tool sets it up.
  func recipient() throws -> HPKE.Recipient {
    let privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Self.bytes(Self.skRm))
    return try HPKE.Recipient(
      privateKey: privateKey, ciphersuite: Sealer.suite, info: Self.bytes(Self.info),
      encapsulatedKey: Self.bytes(Self.enc))
  }

  /// The sequence numbers the RFC leaves out (3, 5 to 254): the recipient opens messages in
  /// order, so each gap is filled with a message sealed under the vector's own key and nonce
  /// rule. Opening one proves nothing by itself; it only moves the recipient to the next listed
  /// sequence number.
  static func filler(sequence: UInt64) throws -> Data {
    let box = try ChaChaPoly.seal(
      Data("gap \(sequence)".utf8), using: SymmetricKey(data: bytes(key)),
      nonce: ChaChaPoly.Nonce(data: nonce(sequence)), authenticating: Data())
    return box.ciphertext + box.tag
  }

  /// RFC 9180 section 5.2: the base nonce XOR the sequence number, big-endian, right-aligned.
  static func nonce(_ sequence: UInt64) throws -> Data {
    var nonce = [UInt8](try bytes(baseNonce))
    withUnsafeBytes(of: sequence.bigEndian) { sequenceBytes in
      for (offset, byte) in sequenceBytes.enumerated() { nonce[nonce.count - 8 + offset] ^= byte }
    }
    return Data(nonce)
  }

  @Test func theSealersSuiteIsTheOneTheseVectorsAreFor() {
    #expect(Sealer.suite.kem == .Curve25519_HKDF_SHA256)
    #expect(Sealer.suite.kdf == .HKDF_SHA256)
    #expect(Sealer.suite.aead == .chaChaPoly)
  }

  @Test func everyListedCiphertextOpensToThePlaintext() throws {
    var recipient = try recipient()
    var next: UInt64 = 0
    for encryption in Self.encryptions {
      while next < encryption.sequence {
        _ = try recipient.open(Self.filler(sequence: next), authenticating: Data())
        next += 1
      }
      let opened = try recipient.open(Self.bytes(encryption.ct), authenticating: Self.bytes(encryption.aad))
      #expect(opened == (try Self.bytes(Self.pt)), "sequence \(encryption.sequence)")
      next += 1
    }
  }

  @Test func theListedNoncesAndCiphertextsFollowFromTheKeySchedule() throws {
    // The same ciphertexts, made directly from the vector's key and base nonce: checks the
    // nonce column and that the recipient above is not opening them by luck of its own state.
    for encryption in Self.encryptions {
      let nonce = try Self.nonce(encryption.sequence)
      #expect(nonce == (try Self.bytes(encryption.nonce)), "sequence \(encryption.sequence)")
      let box = try ChaChaPoly.seal(
        Self.bytes(Self.pt), using: SymmetricKey(data: Self.bytes(Self.key)), nonce: ChaChaPoly.Nonce(data: nonce),
        authenticating: Self.bytes(encryption.aad))
      #expect(box.ciphertext + box.tag == (try Self.bytes(encryption.ct)), "sequence \(encryption.sequence)")
    }
  }

  @Test func aWrongAADOrAFlippedByteIsRejected() throws {
    let first = try #require(Self.encryptions.first)
    let ciphertext = try Self.bytes(first.ct)
    let aad = try Self.bytes(first.aad)
    // The next sequence's associated data.
    var recipient = try recipient()
    #expect(throws: (any Error).self) { try recipient.open(ciphertext, authenticating: Self.bytes("436f756e742d31")) }
    #expect(throws: (any Error).self) { try recipient.open(ciphertext, authenticating: Data()) }
    for index in [0, ciphertext.count / 2, ciphertext.count - 1] {
      var flipped = ciphertext
      flipped[flipped.startIndex + index] ^= 0x01
      #expect(throws: (any Error).self) { try recipient.open(flipped, authenticating: aad) }
    }
    var flippedAAD = aad
    flippedAAD[flippedAAD.startIndex] ^= 0x01
    #expect(throws: (any Error).self) { try recipient.open(ciphertext, authenticating: flippedAAD) }
    // A failed open does not move the sequence on: the genuine message still opens first.
    #expect(try recipient.open(ciphertext, authenticating: aad) == Self.bytes(Self.pt))
    // The right ciphertext out of order (sequence 1's at sequence 0) is rejected too.
    var fresh = try self.recipient()
    #expect(throws: (any Error).self) {
      try fresh.open(Self.bytes(Self.encryptions[1].ct), authenticating: Self.bytes(Self.encryptions[1].aad))
    }
  }

  @Test func aWrongEncapsulatedKeyOrInfoDoesNotOpen() throws {
    let first = try #require(Self.encryptions.first)
    let privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Self.bytes(Self.skRm))
    var enc = try Self.bytes(Self.enc)
    enc[enc.startIndex] ^= 0x01
    var otherEnc = try HPKE.Recipient(
      privateKey: privateKey, ciphersuite: Sealer.suite, info: Self.bytes(Self.info), encapsulatedKey: enc)
    #expect(throws: (any Error).self) { try otherEnc.open(Self.bytes(first.ct), authenticating: Self.bytes(first.aad)) }
    var otherInfo = try HPKE.Recipient(
      privateKey: privateKey, ciphersuite: Sealer.suite, info: Data("intake-submission-v1".utf8),
      encapsulatedKey: Self.bytes(Self.enc))
    #expect(throws: (any Error).self) {
      try otherInfo.open(Self.bytes(first.ct), authenticating: Self.bytes(first.aad))
    }
  }

  @Test func theExportedValuesMatch() throws {
    let recipient = try recipient()
    for export in Self.exports {
      let secret = try recipient.exportSecret(context: Self.bytes(export.context), outputByteCount: 32)
      let value = secret.withUnsafeBytes { Data($0) }
      #expect(value == (try Self.bytes(export.value)), "exporter_context \(export.context.debugDescription)")
    }
  }

  @Test func theKeyPairsSerialiseAsListed() throws {
    // pk(skRm) is pkRm, and pk(skEm) is the vector's enc: DHKEM(X25519)'s SerializePublicKey is
    // the raw 32-byte u-coordinate, which is what the sealer writes into every record.
    let recipientKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Self.bytes(Self.skRm))
    #expect(recipientKey.publicKey.rawRepresentation == (try Self.bytes(Self.pkRm)))
    #expect(try recipientKey.publicKey.hpkeRepresentation(kem: .Curve25519_HKDF_SHA256) == Self.bytes(Self.pkRm))
    let ephemeralKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Self.bytes(Self.skEm))
    #expect(ephemeralKey.publicKey.rawRepresentation == (try Self.bytes(Self.pkEm)))
    #expect(Self.pkEm == Self.enc)
  }

  @Test func whatTheSenderSealsToTheVectorsKeyOpensWithIt() throws {
    // The sender's ephemeral key is random, so its `enc` cannot match the vector's; what can be
    // checked is that it is a 32-byte X25519 key and that the vector's recipient opens the result.
    let recipientKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Self.bytes(Self.skRm))
    var sender = try HPKE.Sender(
      recipientKey: recipientKey.publicKey, ciphersuite: Sealer.suite, info: Self.bytes(Self.info))
    let sealed = try sender.seal(Self.bytes(Self.pt), authenticating: Self.bytes("436f756e742d30"))
    #expect(sender.encapsulatedKey.count == 32)
    #expect(sender.encapsulatedKey != (try Self.bytes(Self.enc)))
    var recipient = try HPKE.Recipient(
      privateKey: recipientKey, ciphersuite: Sealer.suite, info: Self.bytes(Self.info),
      encapsulatedKey: sender.encapsulatedKey)
    #expect(try recipient.open(sealed, authenticating: Self.bytes("436f756e742d30")) == Self.bytes(Self.pt))
    let exported = try sender.exportSecret(context: Data(), outputByteCount: 32)
    let opened = try recipient.exportSecret(context: Data(), outputByteCount: 32)
    #expect(exported == opened)
  }

  /// Hex as typed in the RFC; a malformed string is a mistake in this file, reported as such.
  static func bytes(_ hex: String) throws -> Data {
    struct MalformedHex: Error, CustomStringConvertible {
      var description: String { "a test vector is not well-formed hex" }
    }
    let digits = Array(hex.utf8)
    guard digits.count.isMultiple(of: 2) else { throw MalformedHex() }
    var data = Data(capacity: digits.count / 2)
    for index in stride(from: 0, to: digits.count, by: 2) {
      guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else {
        throw MalformedHex()
      }
      data.append(high << 4 | low)
    }
    return data
  }

  private static func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
