import Foundation
import IntakeKit
import Testing

@testable import IntakeStore

@Suite struct SealerTests {
  let coordinator = CoordinatorPrivateKey()
  var sealer: Sealer { Sealer(recipient: coordinator.publicKey) }
  var opener: Opener { Opener(privateKey: coordinator) }
  let marker = Data("MARKER-Quillon summary".utf8)

  @Test func aSealedRecordOpensOnlyWithTheCoordinatorsKey() throws {
    let sealed = try sealer.seal(marker, purpose: .submission, context: "s1")
    #expect(sealed.range(of: Data("MARKER".utf8)) == nil)
    #expect(try opener.open(sealed, purpose: .submission, context: "s1") == marker)
    let stranger = Opener(privateKey: CoordinatorPrivateKey())
    #expect(throws: SealError.rejected) { try stranger.open(sealed, purpose: .submission, context: "s1") }
  }

  @Test func aTamperedRecordIsRejected() throws {
    let sealed = try sealer.seal(marker, purpose: .submission, context: "s1")
    for index in [5, sealed.count / 2, sealed.count - 1] {
      var tampered = sealed
      tampered[index] ^= 0x01
      #expect(throws: SealError.rejected) { try opener.open(tampered, purpose: .submission, context: "s1") }
    }
    #expect(throws: SealError.notASealedRecord) {
      try opener.open(Data("IKS1".utf8), purpose: .submission, context: "s1")
    }
  }

  @Test func aRecordSwappedToAnotherSessionOrPurposeIsRejected() throws {
    let sealed = try sealer.seal(marker, purpose: .submission, context: "s1")
    #expect(throws: SealError.rejected) { try opener.open(sealed, purpose: .submission, context: "s2") }
    #expect(throws: SealError.rejected) { try opener.open(sealed, purpose: .sessionKey, context: "s1") }
  }

  @Test func thePrivateKeyFileNeedsItsPassphrase() throws {
    let cheap = ScryptCost(rounds: 1 << 10, blockSize: 8, parallelism: 1)
    let file = try coordinator.locked(passphrase: "correct horse", cost: cheap)
    #expect(file.range(of: coordinator.raw) == nil)
    let unlocked = try CoordinatorPrivateKey.unlock(file, passphrase: "correct horse")
    #expect(unlocked.publicKey == coordinator.publicKey)
    #expect(throws: KeyError.wrongPassphrase) { try CoordinatorPrivateKey.unlock(file, passphrase: "wrong") }
    #expect(throws: KeyError.unreadablePrivateKey) {
      try CoordinatorPrivateKey.unlock(Data("{}".utf8), passphrase: "correct horse")
    }
  }

  @Test func thePublicKeyFileRoundTripsAndRejectsDamage() throws {
    let text = coordinator.publicKey.fileContents
    #expect(try CoordinatorPublicKey(fileContents: text) == coordinator.publicKey)
    #expect(throws: KeyError.unreadablePublicKey) { try CoordinatorPublicKey(fileContents: "hello\nworld\n") }
    #expect(coordinator.publicKey.fingerprint.count == 16)
  }

  @Test func aPayloadThatCannotBeEncodedThrowsInsteadOfSealingNothing() {
    let payload = SubmissionPayload(
      sessionID: "s", dialogID: "d", dialogVersion: "1", markdown: "", summaryJSON: "",
      inputs: [LoggedInput(kind: .line, at: Date(timeIntervalSinceReferenceDate: .nan), line: "x")])
    #expect(throws: SealError.sealingFailed) { try payload.encoded() }
  }

  @Test func aKeyFileWhosePublicKeyIsNotItsOwnIsRefused() throws {
    let file = try coordinator.locked(passphrase: "p", cost: ScryptCost(rounds: 16, blockSize: 1, parallelism: 1))
    // The same private key wrapped, but the file names another public key (and binds it).
    var locked = try JSONDecoder().decode(LockedKeyFile.self, from: file)
    let other = CoordinatorPrivateKey().publicKey.raw
    locked.publicKey = other
    locked.wrap = try ScryptWrap.seal(
      coordinator.raw, under: Data("p".utf8), context: other, cost: ScryptCost(rounds: 16, blockSize: 1, parallelism: 1)
    )
    #expect(throws: KeyError.unreadablePrivateKey) {
      try CoordinatorPrivateKey.unlock(try JSONEncoder().encode(locked), passphrase: "p")
    }
    // Its public key comes from the private key itself.
    let unlocked = try CoordinatorPrivateKey.unlock(file, passphrase: "p")
    #expect(unlocked.publicKey == coordinator.publicKey)
  }

  @Test func keyFilesAreLockedAtTheCurrentRecommendedCost() throws {
    let file = try JSONDecoder().decode(LockedKeyFile.self, from: try coordinator.locked(passphrase: "long enough"))
    // OWASP's minimum for scrypt: N = 2^17, r = 8, p = 1.
    #expect(file.wrap.n >= 1 << 17)
    #expect(file.wrap.r == 8)
    #expect(file.wrap.p == 1)
  }
}
