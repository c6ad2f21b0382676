/// A place in a dialog file: the file's path as given to the loader, and a 1-based line and
/// column (columns count Unicode scalars, as libyaml does).
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `path:line:col`, the form editors and terminals turn into links.
  public var description: String { "\(file):\(line):\(column)" }

  /// The location `offset` scalars further along the same line.
  public func advanced(by offset: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column + offset)
  }
}
