// swift-tools-version: 6.0
import PackageDescription

// libFuzzer executables for intake's dialog reader and expression parser, kept out of the main
// package so `swift build` there needs no sanitizers. Build and run them with `make fuzz`.
let package = Package(
  name: "intake-fuzz",
  dependencies: [.package(name: "intake", path: "..")],
  targets: [
    .target(name: "FuzzDriver"),
    .executableTarget(
      name: "DialogFuzzer", dependencies: ["FuzzDriver", .product(name: "IntakeFuzzing", package: "intake")]),
    .executableTarget(
      name: "ExpressionFuzzer", dependencies: ["FuzzDriver", .product(name: "IntakeFuzzing", package: "intake")]),
  ],
  swiftLanguageModes: [.v6]
)
