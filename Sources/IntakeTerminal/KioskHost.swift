import Foundation
import IntakeKit

/// What the kiosk needs from the program around it: saving as the patient goes, resume codes,
/// the finished submission and staff alerts. Kept out of the loop so the loop never touches
/// storage itself.
public protocol KioskHost: AnyObject {
  /// Saves one input before the kiosk acts on it, so nothing acknowledged is lost. Throws when
  /// it could not be saved; the kiosk then stops taking answers.
  func record(_ input: LoggedInput) throws
  /// Called after each answer. Returns text to show once, when the session first becomes
  /// resumable (the resume code).
  func resumeNotice(for session: Session) throws -> String?
  /// The patient left (quit, input ended, timeout, signal): keeps the session resumable. Returns
  /// what to tell the patient (the resume code), if anything.
  func suspend(reason: String, session: Session) -> String?
  /// Saves the finished session; throws when it could not be saved.
  func submit(_ session: Session) throws
  /// Raises a staff alert for an escalation.
  func alert(session: Session, rule: String, tier: Int)
  /// Whether a person has acknowledged this session's staff alert at a monitor.
  func alertAcknowledged(session: Session) -> Bool
  /// Called while a held screen waits: raises an unacknowledged alert again when its time has
  /// come, and reports an alert command that failed.
  func whileHeld(session: Session)
  /// Whether `resume` is offered at the first question.
  var offersResume: Bool { get }
  /// Tries a resume code and date of birth as typed.
  func resume(code: String, dateOfBirth: String) -> ResumeAttempt
}

extension KioskHost {
  /// A host without staff monitors: nobody acknowledges.
  public func alertAcknowledged(session: Session) -> Bool { false }
  public func whileHeld(session: Session) {}
}

/// The outcome of a resume attempt.
public enum ResumeAttempt: Equatable {
  /// The saved inputs of the session, to replay.
  case restored([LoggedInput])
  /// Not resumed; the phrase says why and what to do, without saying which half was wrong.
  case refused(KioskPhrase)
}
