import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeStore

/// The clinic's private key wrapped per staff account: each person's passphrase opens their own
/// slot only, a slot moved to another account does not open, and the key is never in it in clear.
@Suite struct AccountKeySlotTests {
  let cost = ScryptCost(rounds: 1 << 10, blockSize: 8, parallelism: 1)

  @Test func aSlotOpensWithItsOwnNameAndPassphraseOnly() throws {
    let key = CoordinatorPrivateKey()
    let slot = try AccountKeySlot.make(for: key, name: "ana", passphrase: "ana passphrase", cost: cost)
    let opened = try AccountKeySlot.open(slot, name: "ana", passphrase: "ana passphrase")
    #expect(opened.publicKey == key.publicKey)
    #expect(throws: KeyError.wrongPassphrase) {
      try AccountKeySlot.open(slot, name: "ana", passphrase: "ana passphrasE")
    }
    // Copied onto another account's row, it does not open with the same passphrase.
    #expect(throws: KeyError.wrongPassphrase) {
      try AccountKeySlot.open(slot, name: "ben", passphrase: "ana passphrase")
    }
    #expect(throws: KeyError.unreadablePrivateKey) {
      try AccountKeySlot.open(Data("{}".utf8), name: "ana", passphrase: "x")
    }
    // The raw key's bytes are nowhere in the slot.
    #expect(slot.range(of: key.raw) == nil)
    #expect(!String(decoding: slot, as: UTF8.self).contains(key.raw.base64EncodedString()))
  }

  @Test func wrongPassphrasesLockTheAccountAndARightOneStartsTheCountAgain() throws {
    let path = try TestSupport.temporaryFolder("intake-staff").appendingPathComponent("intake.sqlite").path
    let store = try SQLiteSessionStore(path: path)
    let now = TestSupport.fixedInstant
    let account = try store.addAccount(name: "ana", role: .coordinator, keySlot: Data([1]), by: "test", at: now)
    #expect(throws: StoreError.self) {
      try store.addAccount(name: "ana", role: .admin, keySlot: Data([2]), by: "test", at: now)
    }
    #expect(try store.recordSignInFailure(accountID: account.id, limit: 3, lockout: 60, at: now) == nil)
    try store.recordSignIn(accountID: account.id, at: now)
    #expect(try store.recordSignInFailure(accountID: account.id, limit: 3, lockout: 60, at: now) == nil)
    #expect(try store.recordSignInFailure(accountID: account.id, limit: 3, lockout: 60, at: now) == nil)
    #expect(try store.recordSignInFailure(accountID: account.id, limit: 3, lockout: 60, at: now) == now + 60)
    #expect(try store.accounts().first?.lockedUntil == SQLiteSessionStore.timestamp(now + 60))
    try store.removeAccount(id: account.id, by: "test", at: now)
    #expect(try store.accounts().first?.isActive == false)
    // The name is free again for a new person; the old row keeps its history.
    _ = try store.addAccount(name: "ana", role: .coordinator, keySlot: Data([3]), by: "test", at: now)
    #expect(try store.accounts().count == 2)
    try store.verifyAudit()
  }
}
