import Foundation
import IntakeFuzzing
import IntakeTestSupport
import Testing

/// Every input a fuzzer crashed, hung or ran out of memory on, and the hostile files found by
/// hand, replayed through the fuzzers' own code path. Before their fixes each of these killed
/// the process (stack overflow, 24 GB of aliases) or never finished.
@Suite(.timeLimit(.minutes(2))) struct FuzzRegressionTests {
  static func inputs(_ target: FuzzTarget) -> [URL] {
    let folder = TestSupport.repositoryRoot.appendingPathComponent("Tests/IntakeFuzzingTests/Regressions/\(target)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
  }

  @Test(arguments: FuzzTarget.allCases)
  func everyKeptInputRunsToTheEnd(target: FuzzTarget) throws {
    let inputs = Self.inputs(target)
    #expect(!inputs.isEmpty, "no regression inputs for \(target)")
    for input in inputs {
      let bytes = [UInt8](try Data(contentsOf: input))
      #expect(bytes.count <= target.maximumBytes, "\(input.lastPathComponent) would be skipped")
      let started = Date()
      target.run(bytes)
      #expect(Date().timeIntervalSince(started) < 20, "\(input.lastPathComponent) took too long")
    }
  }
}
