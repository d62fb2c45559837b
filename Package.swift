// swift-tools-version:6.0
import PackageDescription

// MARK: - Products

let products: [Product] = [
    .library(name: "GradgenKit", targets: ["Exact", "Network"]),
    .executable(name: "gradgen", targets: ["gradgen"]),
]

// MARK: - Dependencies

let dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
]

// MARK: - System libraries

let systemLibraries: [Target] = [
    // GMP through a shim header: GMP's function-like macros do not import into Swift.
    // Only `Exact` imports it.
    .systemLibrary(
        name: "CGMP",
        providers: [.apt(["libgmp-dev"])]
    ),
]

// MARK: - Library modules

let libraries: [Target] = [
    .target(name: "Exact", dependencies: ["CGMP"]),
    // The network spec: JSON format, validation, built-in examples, seeded random problems.
    // Depends on `Exact` only until the symbolic loss building lands.
    .target(name: "Network", dependencies: ["Exact"], exclude: ["SPEC.md"]),
]

// MARK: - Command-line tool

let tools: [Target] = [
    .executableTarget(
        name: "gradgen",
        dependencies: [
            "Exact",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
]

// MARK: - Benchmarks

let benchmarks: [Target] = [
    .executableTarget(
        name: "ExactBenchmark",
        dependencies: ["Exact"],
        path: "Benchmarks/ExactBenchmark"
    ),
]

// MARK: - Tests

let tests: [Target] = [
    .testTarget(name: "ExactTests", dependencies: ["Exact"]),
    .testTarget(name: "NetworkTests", dependencies: ["Network", "Exact"]),
]

// MARK: - Package

let package = Package(
    name: "gradgen",
    products: products,
    dependencies: dependencies,
    targets: systemLibraries + libraries + tools + benchmarks + tests
)
