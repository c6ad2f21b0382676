import Foundation

extension Data {
  /// `text`'s UTF-8 bytes, copied at once. `Data(text.utf8)` looks for contiguous storage
  /// through a dynamic cast first, which showed in an answer's time at the kiosk (the input's
  /// JSON and its seal's associated data are made at every answer).
  public init(utf8Of text: String) {
    var text = text
    self = text.withUTF8 { Data(buffer: $0) }
  }
}
