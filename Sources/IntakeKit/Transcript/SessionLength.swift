/// How long a session is for the patient: the screens they answered (a question, a question asked
/// back or again, a command) and the information screens they read, with the minutes that takes
/// at a patient's pace. `intake test` reports it per journey and checks the dialog's
/// `estimated_minutes` against it.
public struct SessionLength: Sendable, Equatable, Codable {
  /// Seconds a patient spends on a screen that asks something, and on one they only read.
  public static let secondsPerQuestion = 8
  public static let secondsPerInformation = 4

  public var questionScreens = 0
  public var informationScreens = 0
  /// Whether the session went all the way through and was sent: not quit, and not ended early at
  /// an `end:` screen (an early ending is not a typical length).
  public var finished = false

  public init() {}

  public var screens: Int { questionScreens + informationScreens }

  public var seconds: Int {
    questionScreens * Self.secondsPerQuestion + informationScreens * Self.secondsPerInformation
  }

  /// Whole minutes, rounded to the nearest.
  public var minutes: Int { (seconds + 30) / 60 }

  /// Counts the screen `session` is showing as one the patient answers.
  mutating func count(_ session: Session) {
    switch session.current {
    case .interrupt?: informationScreens += 1
    case .question(let id)?, .item(_, _, let id)?:
      // The offer to look over the answers asks something (and each of its pages is answered).
      let kind = session.dialog.questions[id]?.kind
      if kind?.isMessage == true, kind?.isReview == false { informationScreens += 1 } else { questionScreens += 1 }
    case .gate?, nil: questionScreens += 1
    }
  }

  /// The median of some lengths' minutes, or nil for none.
  public static func medianMinutes(_ lengths: [SessionLength]) -> Int? {
    let sorted = lengths.map(\.seconds).sorted()
    guard !sorted.isEmpty else { return nil }
    let middle = sorted.count / 2
    let seconds = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    return (seconds + 30) / 60
  }
}
