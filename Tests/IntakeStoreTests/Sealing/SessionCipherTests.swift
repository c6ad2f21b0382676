import Foundation
import Testing

@testable import IntakeStore

@Suite struct SessionCipherTests {
  let cheap = ScryptCost(rounds: 1 << 10, blockSize: 8, parallelism: 1)

  @Test func inputsAreBoundToTheirSessionAndPosition() throws {
    let cipher = SessionCipher(sessionID: "s1")
    let sealed = try cipher.seal(Data("MARKER answer".utf8), position: 3)
    #expect(sealed.range(of: Data("MARKER".utf8)) == nil)
    #expect(try cipher.open(sealed, position: 3) == Data("MARKER answer".utf8))
    #expect(throws: SealError.rejected) { try cipher.open(sealed, position: 4) }
    let other = SessionCipher(sessionID: "s1")
    #expect(throws: SealError.rejected) { try other.open(sealed, position: 3) }
  }

  /// Each seal takes a nonce of its own, random in all 96 bits: the same input sealed again at
  /// the same place never repeats one (a repeated nonce under one key gives ChaCha20-Poly1305's
  /// keystream and its authentication away).
  @Test func everySealHasANonceOfItsOwn() throws {
    let cipher = SessionCipher(sessionID: "s1")
    let nonces = try (0..<2000).map { _ in try cipher.seal(Data("no".utf8), position: 1).prefix(12) }
    #expect(Set(nonces).count == nonces.count)
    // Every byte of the nonce varies, the last four (a 32-bit tail) too.
    for index in 0..<12 { #expect(Set(nonces.map { $0[$0.startIndex + index] }).count > 1, "byte \(index)") }
    #expect(try cipher.open(try cipher.seal(Data("no".utf8), position: 1), position: 1) == Data("no".utf8))
  }

  @Test func theResumeCodeAndDateOfBirthTogetherUnwrapTheKey() throws {
    let cipher = SessionCipher(sessionID: "s1")
    let code = ResumeCode.random()
    let wrap = try cipher.wrapped(code: code, dateOfBirth: "1986-04-27", cost: cheap)
    let sealed = try cipher.seal(Data("answer".utf8), position: 0)
    let unwrapped = try #require(
      SessionCipher.unwrapped(sessionID: "s1", wrap: wrap, code: code, dateOfBirth: "1986-04-27"))
    #expect(try unwrapped.open(sealed, position: 0) == Data("answer".utf8))
    #expect(SessionCipher.unwrapped(sessionID: "s1", wrap: wrap, code: code, dateOfBirth: "1986-04-28") == nil)
    #expect(SessionCipher.unwrapped(sessionID: "s2", wrap: wrap, code: code, dateOfBirth: "1986-04-27") == nil)
    let other = try #require(ResumeCode(typed: code.normalized == "AAAAAAAA" ? "CCCCCCCC" : "AAAAAAAA"))
    #expect(SessionCipher.unwrapped(sessionID: "s1", wrap: wrap, code: other, dateOfBirth: "1986-04-27") == nil)
  }

  @Test func theCoordinatorCanRecoverAnUnfinishedSession() throws {
    let coordinator = CoordinatorPrivateKey()
    let cipher = SessionCipher(sessionID: "s1")
    let sealedKey = try cipher.sealedForCoordinator(Sealer(recipient: coordinator.publicKey))
    let recovered = try SessionCipher.recovered(
      sessionID: "s1", sealedKey: sealedKey, opener: Opener(privateKey: coordinator))
    let sealed = try cipher.seal(Data("answer".utf8), position: 0)
    #expect(try recovered.open(sealed, position: 0) == Data("answer".utf8))
    #expect(throws: SealError.rejected) {
      try SessionCipher.recovered(sessionID: "s2", sealedKey: sealedKey, opener: Opener(privateKey: coordinator))
    }
  }

  @Test func resumeCodesAreReadableAndForgiving() throws {
    for _ in 0..<200 {
      let code = ResumeCode.random()
      #expect(code.description.count == 9)
      #expect(code.normalized.allSatisfy { !"0O1IL2Z5S8BUV".contains($0) })
      #expect(ResumeCode(typed: code.description.lowercased()) == code)
      #expect(ResumeCode(typed: " " + code.normalized.prefix(4) + " " + code.normalized.suffix(4)) == code)
    }
    #expect(ResumeCode(typed: "ABCD-EFGH") == nil)  // B is not in the alphabet
    #expect(ResumeCode(typed: "ACDE-FGH") == nil)
    #expect(try #require(ResumeCode(typed: "acde-fghj")).lookup == #require(ResumeCode(typed: "ACDE-XXXX")).lookup)
  }
}
