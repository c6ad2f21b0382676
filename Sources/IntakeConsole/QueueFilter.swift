import Foundation
import IntakeStore

/// What the coordinator narrowed the queue to: a search (name, date of birth or session), a
/// status, an alert tier, a date range of when the intake was taken, only the unreviewed.
public struct QueueFilter: Sendable, Equatable {
  public var search = ""
  public var status: CaseStatus?
  /// nil: any; 0: only intakes without an alert; 1...3: that tier or higher.
  public var tier: Int?
  /// Days (yyyy-mm-dd) in the clinic's time zone, inclusive.
  public var from: String?
  public var to: String?
  public var unreviewedOnly = false

  public init() {}

  /// From a query string or a form; what does not parse is ignored (and shown as not set).
  public init(_ fields: [String: String]) {
    search = (fields["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    status = fields["status"].flatMap(CaseStatus.init(rawValue:))
    tier = fields["tier"].flatMap { Int($0) }.flatMap { (0...3).contains($0) ? $0 : nil }
    from = fields["from"].flatMap(Self.day)
    to = fields["to"].flatMap(Self.day)
    unreviewedOnly = fields["unreviewed"] == "1"
  }

  static func day(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return trimmed.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil ? trimmed : nil
  }

  public var isEmpty: Bool { self == QueueFilter() }

  /// Whether an intake passes; `day` is the day it was taken in the clinic's time zone.
  public func admits(_ item: ReviewCase, day: String) -> Bool {
    if let status, item.status != status { return false }
    if let tier {
      if tier == 0 ? item.tier != 0 : item.tier < tier { return false }
    }
    if let from, day < from { return false }
    if let to, day > to { return false }
    if unreviewedOnly, item.isReviewed { return false }
    return search.isEmpty || matches(item)
  }

  /// A search matches a session id's start, any part of the name (accents and case aside), or
  /// the date of birth as typed in any of the usual ways (1982-08-14, 08/14/1982, 14.08.1982, 1982).
  func matches(_ item: ReviewCase) -> Bool {
    let needle = Self.folded(search)
    if item.sessionID.lowercased().hasPrefix(needle) { return true }
    if let name = item.summary?.identity?.name, Self.folded(name).contains(needle) { return true }
    if let birth = item.summary?.identity?.birthDate {
      let digits = { (text: String) in text.filter(\.isNumber) }
      let wanted = digits(search)
      guard wanted.count >= 4 else { return false }
      let stored = digits(birth)
      if stored.contains(wanted) { return true }
      // 08/14/1982 or 14.08.1982 against a stored 1982-08-14.
      if stored.count == 8, wanted.count == 8 {
        let year = stored.prefix(4)
        let month = stored.dropFirst(4).prefix(2)
        let day = stored.suffix(2)
        return wanted == month + day + year || wanted == day + month + year
      }
    }
    return false
  }

  static func folded(_ text: String) -> String {
    text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
      .trimmingCharacters(in: .whitespaces)
  }
}
