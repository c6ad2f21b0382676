/// What each top-level question's `when` and branches came to when a walk last evaluated them,
/// by the question's flow position, kept while none of the answers they read has changed.
///
/// A walk taken up after an answer (`Session.refreshWalk`) goes again over the stretch from the
/// first question reading the changed answer to the last, and most conditions in that stretch
/// read other answers: evaluating each again was most of a walk's cost (a twelfth of a replay).
/// A condition's value depends only on the answers it reads (through computed values too, as
/// `WalkIndex.readers` lists them) and on the day, so it is forgotten when one of those answers
/// changes (`forget(readersOf:in:)`) or the day does.
struct ConditionMemo: Sendable {
  /// By flow position: 0 not known, 1 false, 2 true.
  private var whens: [UInt8]
  /// By flow position: -1 not known, else the index of the first branch that holds, or the
  /// number of branches when none does.
  private var branches: [Int32]
  /// The day the conditions were evaluated on: an age or a date's distance from today reads it.
  private(set) var day: CalendarDate
  /// How many conditions were evaluated and kept (tests: how many a walk did not take from here).
  private(set) var evaluated = 0

  /// A memo knowing nothing, for a flow of `count` questions, evaluated on `day`.
  init(count: Int, day: CalendarDate) {
    whens = Array(repeating: 0, count: count)
    branches = Array(repeating: -1, count: count)
    self.day = day
  }

  /// What the `when` of the question at flow `position` came to; nil when not known. Questions
  /// outside the flow (an ending jumped to) are not kept.
  func when(at position: Int) -> Bool? {
    guard position < whens.count, whens[position] != 0 else { return nil }
    return whens[position] == 2
  }

  mutating func remember(when holds: Bool, at position: Int) {
    guard position < whens.count else { return }
    whens[position] = holds ? 2 : 1
    evaluated += 1
  }

  /// The index of the first branch that holds at flow `position` (the branches' count when none
  /// does); nil when not known.
  func branch(at position: Int) -> Int? {
    guard position < branches.count, branches[position] >= 0 else { return nil }
    return Int(branches[position])
  }

  mutating func remember(branch: Int, at position: Int) {
    guard position < branches.count else { return }
    branches[position] = Int32(clamping: branch)
    evaluated += 1
  }

  /// Forgets the conditions of every question reading one of `ids` (question ids; a group's id
  /// for its records).
  mutating func forget(readersOf ids: some Sequence<String>, in index: WalkIndex) {
    for id in ids {
      for position in index.readers[id] ?? [] where position < whens.count {
        whens[position] = 0
        branches[position] = -1
      }
    }
  }
}
