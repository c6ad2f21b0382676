import Foundation

/// What a command about to exit has no need to free: what is put here is kept, never freed, and
/// the system takes the memory back when the process ends (as clang's `-disable-free`).
///
/// Freeing the parsed YAML of a 10,000-question dialog, and then the checked dialog, took a
/// tenth of `intake check`'s time, on one core, after the work was done. A process that goes on
/// (the kiosk, the console, `intake test`) passes none, and frees as it goes.
public final class Leftovers: @unchecked Sendable {
  // Guarded by `lock`.
  private var kept: [Any] = []
  private let lock = NSLock()

  public init() {}

  /// Keeps `value` for as long as this object lives.
  public func keep(_ value: Any) { lock.withLock { kept.append(value) } }

  /// How many values are kept (tests).
  var count: Int { lock.withLock { kept.count } }

  /// The leftovers of this process: a global, never freed.
  public static let untilExit = Leftovers()
}
