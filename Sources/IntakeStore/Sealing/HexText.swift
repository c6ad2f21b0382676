/// Bytes as lowercase hexadecimal, two digits a byte: how the store writes hashes, MACs and
/// fingerprints. Not `String(format: "%02x")` per byte, which goes through Foundation's format
/// parser (verifying the end of the audit trail at a kiosk's start spent 20 M instructions there).
package enum HexText {
  private static let digits = Array("0123456789abcdef".utf8)

  package static func of(_ bytes: some Sequence<UInt8>) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
