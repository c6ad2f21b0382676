import Foundation
import FuzzDriver
import IntakeFuzzing

// Each input goes through the expression parser, type checker and evaluator (see `FuzzTarget.expression`).
var argumentCount = CommandLine.argc
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
  LLVMFuzzerRunDriver(&argumentCount, &arguments) { data, size in
    FuzzTarget.expression.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
  })
