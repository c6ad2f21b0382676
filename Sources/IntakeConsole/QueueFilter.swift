import Foundation
import IntakeKit
import IntakeStore

/// What the coordinator narrowed the queue to: a search (name, date of birth or session), a
/// status, an alert tier, a date range of when the intake was taken, only the unreviewed, a site.
public struct QueueFilter: Sendable, Equatable {
  public var search = ""
  public var status: CaseStatus?
  /// nil: any; 0: only intakes without an alert; 1...3: that tier or higher.
  public var tier: Int?
  /// Days (yyyy-mm-dd) in the clinic's time zone, inclusive.
  public var from: String?
  public var to: String?
  public var unreviewedOnly = false
  /// nil: anyone; "" nobody; else the account's name ("me" is resolved by the console).
  public var assignee: String?
  /// nil: every site; else the site the intake was taken at (a central store's records).
  public var site: String?

  public init() {}

  /// From a query string or a form; what does not parse is ignored (and shown as not set).
  public init(_ fields: [String: String]) {
    search = (fields["q"] ?? "").trimmingWhitespace()
    status = fields["status"].flatMap(CaseStatus.init(rawValue:))
    tier = fields["tier"].flatMap { Int($0) }.flatMap { (0...3).contains($0) ? $0 : nil }
    from = fields["from"].flatMap(Self.day)
    to = fields["to"].flatMap(Self.day)
    unreviewedOnly = fields["unreviewed"] == "1"
    assignee = fields["assigned"].flatMap { $0 == "anyone" ? nil : $0 }
    site = fields["site"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The days are the wrong way round: nothing can match, and the page says why.
  public var isBackwards: Bool {
    guard let from, let to else { return false }
    return from > to
  }

  static func day(_ text: String) -> String? {
    let trimmed = text.trimmingSpaces()
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
    if unreviewedOnly, item.isWorkedOn { return false }
    if let assignee, (item.assignee ?? "") != assignee { return false }
    if let site, item.site != site { return false }
    return search.isEmpty || matches(item)
  }

  /// A search matches a session id's start, a name (every word of the search in it, accents,
  /// case and commas aside: "Lopez Maria", "Lee, Sam"), the date of birth typed in any of the
  /// ways the kiosk reads dates (4/27/1986, 4-27-86, April 27 1986, 1986-04-27) or its year, or
  /// the psychiatrist it is assigned to.
  func matches(_ item: ReviewCase) -> Bool {
    let needle = Self.folded(search)
    if needle.count >= 4, item.sessionID.lowercased().hasPrefix(needle) { return true }
    if let assignee = item.assignee, Self.folded(assignee) == needle { return true }
    if let birth = item.summary?.identity?.birthDate, let born = CalendarDate.readings(birth).first {
      if CalendarDate.readings(search).contains(born) { return true }
      if needle.count == 4, Int(needle) == born.year { return true }
    }
    if let name = item.summary?.identity?.name {
      let words = needle.split { $0 == " " || $0 == "," }
      let folded = Self.folded(name)
      if !words.isEmpty, words.allSatisfy({ folded.contains($0) }) { return true }
    }
    return false
  }

  static func folded(_ text: String) -> String {
    text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
      .trimmingSpaces()
  }
}
