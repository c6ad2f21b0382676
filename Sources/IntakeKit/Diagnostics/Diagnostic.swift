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

  func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
    report(.error(code, message, at: location))
  }

  func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
    report(.warning(code, message, at: location))
  }

  /// Diagnostics in file, line, column order, duplicates removed.
  var sorted: [Diagnostic] {
    var seen = Set<Diagnostic>()
    return diagnostics.filter { seen.insert($0).inserted }.sorted {
      ($0.location.file, $0.location.line, $0.location.column, $0.code.rawValue)
        < ($1.location.file, $1.location.line, $1.location.column, $1.code.rawValue)
    }
  }
}

/// The error thrown when a dialog does not load: every diagnostic found, in source order.
public struct DialogLoadError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]

  public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
