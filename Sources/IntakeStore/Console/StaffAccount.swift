import Foundation

/// What a staff member may do in the browser console.
public enum StaffRole: String, Sendable, CaseIterable, Codable {
  /// Adds and removes accounts, and works the queue.
  case admin
  /// Works the queue: statuses, assignment, notes, exports, alerts.
  case coordinator
  /// Works the queue, and is who intakes are assigned to.
  case psychiatrist

  /// How the role reads in a sentence ("a coordinator").
  public var title: String {
    switch self {
    case .admin: "Administrator"
    case .coordinator: "Coordinator"
    case .psychiatrist: "Psychiatrist"
    }
  }
}

/// A person who signs in to the browser console. Their passphrase opens their own key slot: the
/// clinic's private key wrapped for them alone (`AccountKeySlot`).
public struct StaffAccount: Sendable, Equatable, Identifiable {
  /// Stable; never reused for another person.
  public var id: Int
  /// What they sign in with and what the audit trail and the notes show.
  public var name: String
  public var role: StaffRole
  public var createdAt: String
  /// Set when an admin removed the account; a removed account cannot sign in.
  public var removedAt: String?
  /// Until when signing in is refused after too many wrong passphrases.
  public var lockedUntil: String?
  /// The wrapped private key.
  public var keySlot: Data

  package init(
    id: Int, name: String, role: StaffRole, createdAt: String, removedAt: String? = nil, lockedUntil: String? = nil,
    keySlot: Data
  ) {
    self.id = id
    self.name = name
    self.role = role
    self.createdAt = createdAt
    self.removedAt = removedAt
    self.lockedUntil = lockedUntil
    self.keySlot = keySlot
  }

  public var isActive: Bool { removedAt == nil }

  /// A name is what someone types to sign in: letters, digits, `.`, `-`, `_`, 2 to 40 of them,
  /// so it can sit in an audit detail and a page without any question of escaping or lookalikes.
  public static func isValidName(_ name: String) -> Bool {
    (2...40).contains(name.count)
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
      }
  }

  /// The shortest passphrase an account may have.
  public static let minimumPassphraseLength = 10
}

/// The store's side of staff accounts and of the clinic's work on each intake.
public protocol StaffStore: SessionStore {
  /// Adds an account; fails with `.io` when an active account already has the name.
  func addAccount(name: String, role: StaffRole, keySlot: Data, by admin: String, at instant: Date) throws(StoreError)
    -> StaffAccount
  /// Removes an account (it is kept, marked removed, so its name stays on past work).
  func removeAccount(id: Int, by admin: String, at instant: Date) throws(StoreError)
  /// Every account, removed ones included, oldest first.
  func accounts() throws(StoreError) -> [StaffAccount]
  /// Counts a wrong passphrase for an account; at `limit` it is locked for `lockout` and the
  /// lock's end is returned.
  func recordSignInFailure(accountID: Int, limit: Int, lockout: TimeInterval, at instant: Date) throws(StoreError)
    -> Date?
  /// A right passphrase: the account's failure count starts again, and the sign-in is audited.
  func recordSignIn(accountID: Int, at instant: Date) throws(StoreError)
  /// Audits a console event with the account's name (sign-out, views, exports, acknowledgements).
  func recordCaseEvent(_ event: CaseEvent) throws(StoreError)
  /// Every case event, oldest first.
  func caseEvents() throws(StoreError) -> [CaseEvent]
}
