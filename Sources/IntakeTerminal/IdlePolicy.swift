import Foundation
import IntakeKit

/// When a patient walks away: after `idle` seconds with no key the kiosk asks whether they are
/// still there; after `warning` more it saves the session, shows the resume code for
/// `codeShown` seconds, and clears the screen for the next person.
public struct IdlePolicy: Sendable, Equatable {
  public var idle: TimeInterval
  public var warning: TimeInterval
  public var codeShown: TimeInterval

  public init(idle: TimeInterval, warning: TimeInterval, codeShown: TimeInterval) {
    self.idle = idle
    self.warning = warning
    self.codeShown = codeShown
  }

  /// Three minutes, then 30 seconds to carry on, then the code for 20 seconds.
  public static let standard = IdlePolicy(idle: 180, warning: 30, codeShown: 20)

  /// The warning the patient sees, in their language.
  public func warningText(_ words: KioskWords = .english) -> String {
    words(.idleWarning, ["seconds": String(Int(warning))])
  }

  /// The warning at a held screen (`hold: staff`) when no staff code is configured: Enter keeps
  /// the screen, and the patient is not asked to do anything else.
  public func heldWarningText(_ words: KioskWords = .english) -> String {
    words(.idleHeldWarning, ["seconds": String(Int(warning))])
  }
}
