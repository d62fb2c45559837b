// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for gradgen's input readers. A package of its own, depending on gradgen by
// path, so that `-sanitize=fuzzer` (which instruments every module it builds and links
// libFuzzer's own `main`) never touches the main package's build. Build and run with `Fuzz/run`.
let package = Package(
    name: "GradgenFuzz",
    dependencies: [.package(name: "gradgen", path: "..")],
    targets: [
        // Hands each target's entry point to libFuzzer's driver.
        .target(name: "FuzzDriver"),
        // The spec reader: JSON text → NetworkSpec (JSONValue, SpecDecoder, validation).
        .executableTarget(
            name: "FuzzSpecReader",
            dependencies: ["FuzzDriver", .product(name: "GradgenKit", package: "gradgen")]
        ),
        // The exact-number parser: text → Rational, and back to text.
        .executableTarget(
            name: "FuzzRationalParser",
            dependencies: ["FuzzDriver", .product(name: "GradgenKit", package: "gradgen")]
        ),
    ]
)
