/// How wide the kiosk's text is: every screen is wrapped to `text` columns (fewer on a narrower
/// terminal), and the pages of answers are laid out to the same width, so that no line the pages
/// broke is broken again by the writer (which left single words on lines, and pages longer than
/// the screen).
public enum ScreenColumns {
  /// Columns a line may use: a kiosk's terminal is 100 columns or more, and a line as wide as the
  /// terminal makes some terminals wrap it a second time, so two are kept free.
  public static let text = 98

  /// Columns a line may use on a terminal `columns` wide.
  public static func text(on columns: Int) -> Int { min(columns - 2, text) }
}
