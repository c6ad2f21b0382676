/// A value that can be saved as bytes and read back by the same build: the compiled-dialog cache
/// saves a checked `Dialog` this way, so a start whose dialog files did not change skips reading
/// and checking their YAML.
///
/// Why not `Codable`: decoding the shipped dialog through `Codable` took more instructions than
/// reading and checking its YAML (its generic containers look up type metadata and protocol
/// conformances at run time, hundreds of thousands of times); these hand-written readers are
/// specialized by the compiler.
///
/// The bytes are positional: each type writes its stored properties in declaration order and
/// reads them back in the same order. They are meant for the build that wrote them only (the
/// cache keys its entries by build). A type's `write(to:)` and `init(from:)` sit beside it, so a
/// property added to it is added to them; `CompiledDialogTests` fails when one is left out.
public protocol CompiledForm {
  func write(to writer: CompiledWriter)
  init(from reader: CompiledReader) throws(CompiledFormError)
}

/// Why bytes could not be read back; the cache treats any of these as a miss.
public struct CompiledFormError: Error, Sendable, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}

/// The growing bytes of one value. Integers are zigzag LEB128 varints; doubles their eight bytes
/// little-endian; strings a varint length and UTF-8, except that a string of 16 bytes or more
/// written before is written as a reference to its first copy (the many locations naming one file
/// then share one `String` when read back).
public final class CompiledWriter {
  public private(set) var bytes: [UInt8] = []
  private var shared: [String: Int] = [:]

  public init() { bytes.reserveCapacity(1 << 16) }

  public func write(_ value: some CompiledForm) { value.write(to: self) }

  func varint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  func integer(_ value: Int) {
    let wide = Int64(value)
    varint(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
  }

  func double(_ value: Double) {
    var bits = value.bitPattern
    for _ in 0..<8 {
      bytes.append(UInt8(truncatingIfNeeded: bits))
      bits >>= 8
    }
  }

  func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  /// A string's first varint says what follows: under 16, a short string of that length; else,
  /// less 16, twice a long string's length (its first copy, the bytes follow) or twice the offset
  /// of its first copy plus one (a reference).
  func string(_ value: String) {
    var value = value
    let count = value.utf8.count
    let minimum = CompiledReader.sharedMinimum
    if count >= minimum {
      if let first = shared[value] { return varint(UInt64(minimum + 2 * first + 1)) }
      shared[value] = bytes.count
      varint(UInt64(minimum + 2 * count))
    } else {
      varint(UInt64(count))
    }
    value.withUTF8 { bytes.append(contentsOf: $0) }
  }

  func optional<T: CompiledForm>(_ value: T?) {
    guard let value else { return bytes.append(0) }
    bytes.append(1)
    value.write(to: self)
  }

  func array<T: CompiledForm>(_ values: [T]) {
    varint(UInt64(values.count))
    for value in values { value.write(to: self) }
  }

  func dictionary<Key: CompiledForm & Hashable, Value: CompiledForm>(_ values: [Key: Value]) {
    varint(UInt64(values.count))
    for (key, value) in values {
      key.write(to: self)
      value.write(to: self)
    }
  }

  func set<T: CompiledForm & Hashable>(_ values: Set<T>) {
    varint(UInt64(values.count))
    for value in values { value.write(to: self) }
  }

  /// Writes `value` as a block of its own: its length, then its bytes as a writer of their own
  /// writes them (its long strings shared within it only), so a reader can pass over it and read
  /// it apart, on another core (`CompiledReader.block()`).
  public func block(_ value: some CompiledForm) {
    let own = CompiledWriter()
    own.write(value)
    varint(UInt64(own.bytes.count))
    bytes.append(contentsOf: own.bytes)
  }
}

/// Reads what a `CompiledWriter` wrote. Every read is bounds-checked, every count is checked
/// against the bytes left (each element takes at least one), and the nesting of expressions and
/// templates is limited, so damaged or hostile bytes are an error, never a crash or a huge
/// allocation.
public final class CompiledReader {
  static let sharedMinimum = 16
  /// The deepest nesting of expressions or template pieces read back (the checker refuses
  /// expressions far shallower).
  static let maximumDepth = 256
  /// The most elements room is made for ahead: a damaged count (each element takes at least a
  /// byte, so at most the bytes left) must not make room for a few hundred thousand questions.
  static let reservedMost = 1 << 12

  let bytes: [UInt8]
  private(set) var position = 0
  private var depth = 0
  /// Long strings already read, by the offset of their length.
  private var shared: [Int: String] = [:]

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Whether every byte was read.
  public var isAtEnd: Bool { position == bytes.count }

  public func read<T: CompiledForm>(_ type: T.Type = T.self) throws(CompiledFormError) -> T {
    try T(from: self)
  }

  private func byte() throws(CompiledFormError) -> UInt8 {
    guard position < bytes.count else { throw CompiledFormError("the bytes end too soon") }
    defer { position += 1 }
    return bytes[position]
  }

  func varint() throws(CompiledFormError) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let next = try byte()
      guard shift < 64 else { throw CompiledFormError("a number too long at \(position)") }
      value |= UInt64(next & 0x7f) << shift
      if next < 0x80 { return value }
      shift += 7
    }
  }

  /// A count or length: no more than the bytes left.
  func count() throws(CompiledFormError) -> Int {
    let value = try varint()
    guard value <= UInt64(bytes.count - position) else {
      throw CompiledFormError("a count past the end at \(position)")
    }
    return Int(value)
  }

  func integer() throws(CompiledFormError) -> Int {
    let raw = try varint()
    let value = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    guard let exact = Int(exactly: value) else { throw CompiledFormError("a number out of range at \(position)") }
    return exact
  }

  func double() throws(CompiledFormError) -> Double {
    guard bytes.count - position >= 8 else { throw CompiledFormError("the bytes end too soon") }
    var bits: UInt64 = 0
    for index in (0..<8).reversed() { bits = bits << 8 | UInt64(bytes[position + index]) }
    position += 8
    return Double(bitPattern: bits)
  }

  func bool() throws(CompiledFormError) -> Bool {
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw CompiledFormError("expected true or false at \(position - 1)")
    }
  }

  func string() throws(CompiledFormError) -> String {
    let start = position
    let head = try varint()
    let minimum = UInt64(Self.sharedMinimum)
    guard head >= minimum else { return try utf8(count: Int(head), at: start) }
    let rest = head - minimum
    guard rest & 1 == 1 else {
      let length = rest / 2
      guard length >= minimum, length <= UInt64(bytes.count - position) else {
        throw CompiledFormError("a string past the end at \(start)")
      }
      let text = try utf8(count: Int(length), at: start)
      shared[start] = text
      return text
    }
    guard rest / 2 < UInt64(start), let text = shared[Int(rest / 2)] else {
      throw CompiledFormError("a shared string that was not read before at \(start)")
    }
    return text
  }

  private func utf8(count: Int, at start: Int) throws(CompiledFormError) -> String {
    guard count <= bytes.count - position else { throw CompiledFormError("a string past the end at \(start)") }
    // Decoded with repair, not `String(validating:)`: that goes through the generic decoder (a
    // thousand instructions a string, half the read). What was written came from Swift strings,
    // so it is valid UTF-8 unless damaged, and damage is what the cache's digest catches; here it
    // only must not crash.
    let text = bytes.withUnsafeBufferPointer { buffer in
      String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<position + count]), as: UTF8.self)
    }
    position += count
    return text
  }

  func optional<T: CompiledForm>(_ type: T.Type = T.self) throws(CompiledFormError) -> T? {
    try bool() ? T(from: self) : nil
  }

  func array<T: CompiledForm>(_ type: T.Type = T.self) throws(CompiledFormError) -> [T] {
    let count = try count()
    var values: [T] = []
    values.reserveCapacity(Swift.min(count, Self.reservedMost))
    for _ in 0..<count { values.append(try T(from: self)) }
    return values
  }

  func dictionary<Key: CompiledForm & Hashable, Value: CompiledForm>(
    _ type: [Key: Value].Type = [Key: Value].self
  ) throws(CompiledFormError) -> [Key: Value] {
    let count = try count()
    var values: [Key: Value] = [:]
    values.reserveCapacity(Swift.min(count, Self.reservedMost))
    for _ in 0..<count {
      let key = try Key(from: self)
      values[key] = try Value(from: self)
    }
    return values
  }

  /// Passes over a block `CompiledWriter.block(_:)` wrote and gives a reader of its own for it.
  public func block() throws(CompiledFormError) -> CompiledReader {
    let count = try count()
    defer { position += count }
    return CompiledReader(Array(bytes[position..<position + count]))
  }

  func set<T: CompiledForm & Hashable>(_ type: Set<T>.Type = Set<T>.self) throws(CompiledFormError) -> Set<T> {
    let count = try count()
    var values = Set<T>(minimumCapacity: Swift.min(count, Self.reservedMost))
    for _ in 0..<count { values.insert(try T(from: self)) }
    return values
  }

  /// Reads a value that may hold others of its kind (an expression, a template's pieces),
  /// counting how deep such values nest.
  func nested<T>(_ body: () throws(CompiledFormError) -> T) throws(CompiledFormError) -> T {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else { throw CompiledFormError("nested deeper than \(Self.maximumDepth)") }
    return try body()
  }
}

extension String: CompiledForm {
  public func write(to writer: CompiledWriter) { writer.string(self) }
  public init(from reader: CompiledReader) throws(CompiledFormError) { self = try reader.string() }
}

extension Int: CompiledForm {
  public func write(to writer: CompiledWriter) { writer.integer(self) }
  public init(from reader: CompiledReader) throws(CompiledFormError) { self = try reader.integer() }
}

extension Double: CompiledForm {
  public func write(to writer: CompiledWriter) { writer.double(self) }
  public init(from reader: CompiledReader) throws(CompiledFormError) { self = try reader.double() }
}

extension Bool: CompiledForm {
  public func write(to writer: CompiledWriter) { writer.bool(self) }
  public init(from reader: CompiledReader) throws(CompiledFormError) { self = try reader.bool() }
}

extension Array: CompiledForm where Element: CompiledForm {
  public func write(to writer: CompiledWriter) { writer.array(self) }
  public init(from reader: CompiledReader) throws(CompiledFormError) { self = try reader.array() }
}

extension Optional: CompiledForm where Wrapped: CompiledForm {
  public func write(to writer: CompiledWriter) { writer.optional(self) }
  public init(from reader: CompiledReader) throws(CompiledFormError) { self = try reader.optional() }
}

extension Dictionary: CompiledForm where Key: CompiledForm, Value: CompiledForm {
  public func write(to writer: CompiledWriter) { writer.dictionary(self) }
  public init(from reader: CompiledReader) throws(CompiledFormError) { self = try reader.dictionary() }
}

extension Set: CompiledForm where Element: CompiledForm {
  public func write(to writer: CompiledWriter) { writer.set(self) }
  public init(from reader: CompiledReader) throws(CompiledFormError) { self = try reader.set() }
}

/// A string-valued enum is saved as its raw value.
extension CompiledForm where Self: RawRepresentable, RawValue == String {
  public func write(to writer: CompiledWriter) { writer.string(rawValue) }
  public init(from reader: CompiledReader) throws(CompiledFormError) {
    let raw = try reader.string()
    guard let value = Self(rawValue: raw) else { throw CompiledFormError("'\(raw)' is not a \(Self.self)") }
    self = value
  }
}
