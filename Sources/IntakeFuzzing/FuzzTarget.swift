import IntakeKit

/// What a fuzzer feeds, and the one code path each input takes, shared by the libFuzzer
/// executables in `Fuzz/` and the regression test that replays every input they ever crashed on.
/// Inputs larger than `maximumBytes` are ignored, so the harness itself stays small in memory.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// A dialog folder: one shipped dialog file replaced by the input, or a whole small folder.
  case dialog
  /// An expression, checked as a condition in a small dialog and, when it loads, evaluated.
  case expression

  /// The largest input run: room for the hostile regression inputs (a file just over the
  /// 1 MiB limit, 100,000 `not`s), well above `-max_len` in `make fuzz`, which keeps fuzzing fast.
  public var maximumBytes: Int {
    switch self {
    case .dialog: 2 << 20
    case .expression: 512 << 10
    }
  }

  /// Runs one input through the reader, checker and (for loaded dialogs) the evaluator. Any
  /// crash, hang or runaway allocation here is a finding; diagnostics are the expected outcome.
  public func run(_ bytes: [UInt8]) {
    guard bytes.count <= maximumBytes else { return }
    switch self {
    case .dialog: DialogFuzzInput(bytes).check()
    case .expression: ExpressionFuzzInput(bytes).check()
    }
  }
}
