/// How bad a diagnostic is. Any error stops a dialog from loading; warnings are advice.
public enum Severity: String, Sendable, Codable, Comparable {
  case warning
  case error

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}

/// One problem found in a dialog, printed as `path:line:col: error: [CODE] message`.
///
/// Messages name the offending id and say how to fix it. They never contain patient answers:
/// diagnostics are about dialog files only.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
  public var severity: Severity
  public var code: DiagnosticCode
  public var message: String
  public var location: SourceLocation

  public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
    self.severity = severity
    self.code = code
    self.message = message
    self.location = location
  }

  public static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
    Diagnostic(.error, code, message, at: location)
  }

  public static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
    Diagnostic(.warning, code, message, at: location)
  }

  public var description: String { "\(location): \(severity.rawValue): [\(code.rawValue)] \(message)" }
}

/// Collects diagnostics while a dialog is read and checked.
///
/// A class so the many small readers can share one list without threading it through every call.
final class DiagnosticSink {
  private(set) var diagnostics: [Diagnostic] = []

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  /// Whether there are errors other than `codes` (those that leave the rest checkable).
  func hasErrors(besides codes: Set<DiagnosticCode>) -> Bool {
    diagnostics.contains { $0.severity == .error && !codes.contains($0.code) }
  }

  func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
    report(.error(code, message, at: location))
  }

  func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
    report(.warning(code, message, at: location))
  }

  /// Diagnostics in file, line, column order, duplicates removed; a file that cannot be read at
  /// all comes first, because it is the cause of much that follows. While one cannot be read, the
  /// errors its missing names cause elsewhere (unknown names, types, options) are not listed one by
  /// one but counted in one warning: they would lead an author away from the real mistake.
  var sorted: [Diagnostic] {
    var seen = Set<Diagnostic>()
    var unique = diagnostics.filter { seen.insert($0).inserted }
    let unreadable = unique.filter { Self.unreadableFile.contains($0.code) && $0.severity == .error }
    if let first = unreadable.min(by: { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }) {
      let followOn = unique.filter { Self.followOn.contains($0.code) && $0.severity == .error }
      unique.removeAll { Self.followOn.contains($0.code) && $0.severity == .error }
      if !followOn.isEmpty {
        unique.append(
          .warning(
            first.code,
            (followOn.count == 1
              ? "1 more error about unknown names, options or types is not shown: it may come"
              : "\(followOn.count) more errors about unknown names, options or types are not shown: they may come")
              + " from this file, which cannot be read. Fix it, then check again",
            at: first.location))
      }
    }
    return unique.sorted {
      (
        Self.unreadableFile.contains($0.code) ? 0 : 1, $0.location.file, $0.location.line, $0.location.column,
        $0.code.rawValue
      )
        < (
          Self.unreadableFile.contains($1.code) ? 0 : 1, $1.location.file, $1.location.line, $1.location.column,
          $1.code.rawValue
        )
    }
  }

  /// A file that cannot be read at all.
  static let unreadableFile: Set<DiagnosticCode> = [
    .fileUnreadable, .yamlSyntax, .yamlAlias, .yamlTooDeep, .fileTooLarge,
  ]
  /// What a file that cannot be read makes others say about the names it would have declared.
  static let followOn: Set<DiagnosticCode> = [
    .unknownReference, .typeMismatch, .readsLaterQuestion, .unknownOption, .missingBranchTarget, .unreachableNode,
  ]
}

/// The error thrown when a dialog does not load: every diagnostic found, in source order.
public struct DialogLoadError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]

  public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
