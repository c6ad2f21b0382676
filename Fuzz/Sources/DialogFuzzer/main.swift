import Foundation
import FuzzDriver
import IntakeFuzzing

// Each input goes through the dialog reader and checker (see `FuzzTarget.dialog`).
var argumentCount = CommandLine.argc
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
  LLVMFuzzerRunDriver(&argumentCount, &arguments) { data, size in
    FuzzTarget.dialog.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
  })
