// swift-tools-version:6.0
import PackageDescription

// MARK: - Products

let products: [Product] = [
    .library(name: "GradgenKit", targets: ["GradgenKit", "Exact", "Symbolic", "MatrixCalculus", "NetworkModel", "Autodiff", "Emit", "Verify"]),
    .executable(name: "gradgen", targets: ["gradgen"]),
    // Turns every `*.gradgen.json` spec in a target into generated Swift at build time.
    .plugin(name: "GradgenPlugin", targets: ["GradgenPlugin"]),
]

// MARK: - Dependencies

let dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
    .target(name: "Symbolic", dependencies: ["Exact"]),
    // Shaped matrix expressions, the Jacobian rule table, chain-rule derivations and their
    // compact δ forms, instantiated with Symbolic's evaluation.
    .target(name: "MatrixCalculus", dependencies: ["Symbolic", "Exact"]),
    // The network spec (JSON format, validation, built-in examples, seeded random
    // problems) and the symbolic loss built from it.
    .target(name: "NetworkModel", dependencies: ["Symbolic", "MatrixCalculus", "Exact"], exclude: ["SPEC.md"]),
    // The runtime oracle: Exact only, never the symbolic code it checks.
    .target(name: "Autodiff", dependencies: ["Exact"]),
    // Fills Templates/ with generated Swift and LaTeX.
    .target(
        name: "Emit",
        dependencies: ["Symbolic", "MatrixCalculus", "NetworkModel", "Exact", .product(name: "Mustache", package: "swift-mustache")],
        resources: [.copy("../../Templates")]
    ),
    // Checks the symbolic results against the oracle.
    .target(name: "Verify", dependencies: ["Emit", "NetworkModel", "Autodiff", "Exact"]),
    // The umbrella: `import GradgenKit` re-exports every module above.
    .target(name: "GradgenKit", dependencies: ["Exact", "Symbolic", "MatrixCalculus", "NetworkModel", "Autodiff", "Emit", "Verify"]),
]

// MARK: - Generated code

let generated: [Target] = [
    // Code that gradgen generated for fixed networks (Generated/regenerate), built and tested.
    .target(name: "GeneratedNetworks", dependencies: ["Exact"], path: "Generated", exclude: ["README.md", "regenerate"]),
]

// MARK: - Command-line tool

let tools: [Target] = [
    .executableTarget(
        name: "gradgen",
        dependencies: [
            "Exact", "NetworkModel", "Emit", "Verify",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
]

// MARK: - Build plugin

let plugins: [Target] = [
    .plugin(name: "GradgenPlugin", capability: .buildTool(), dependencies: ["gradgen"]),
]

// MARK: - Benchmarks

let benchmarks: [Target] = [
    .executableTarget(
        name: "CodegenBenchmark",
        dependencies: ["GeneratedNetworks", "Autodiff", "NetworkModel", "Verify", "Exact"],
        path: "Benchmarks/CodegenBenchmark"
    ),
    .executableTarget(
        name: "ExactBenchmark",
        dependencies: ["Exact"],
        path: "Benchmarks/ExactBenchmark"
    ),
    // Spec → symbolic gradient → schedule, and the exact path; Benchmarks/run-peers sets it
    // beside SymPy, SymEngine, NumPy and JAX.
    .executableTarget(
        name: "DerivationBenchmark",
        dependencies: ["NetworkModel", "Symbolic", "Exact"],
        path: "Benchmarks/DerivationBenchmark"
    ),
]

// MARK: - Tests

let tests: [Target] = [
    // Shared by the test targets: the seeded generator and child-process runs.
    .target(name: "TestSupport", dependencies: ["Exact"], path: "Tests/TestSupport"),
    .testTarget(name: "ExactTests", dependencies: ["Exact", "TestSupport"]),
    .testTarget(name: "SymbolicTests", dependencies: ["Symbolic", "Exact", "TestSupport"]),
    .testTarget(name: "MatrixCalculusTests", dependencies: ["MatrixCalculus", "NetworkModel", "Symbolic", "Exact", "TestSupport"]),
    .testTarget(name: "NetworkModelTests", dependencies: ["NetworkModel", "Exact", "TestSupport"]),
    .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "Exact", "TestSupport"]),
    // OptimizedKernels/ is a program that KernelTests builds optimized with Generated/Gradgen.swift.
    .testTarget(name: "GeneratedTests", dependencies: ["GeneratedNetworks", "Verify", "NetworkModel", "Autodiff", "Exact", "TestSupport"],
                exclude: ["OptimizedKernels"]),
    // Runs the real `gradgen` binary.
    .testTarget(name: "GradgenTests", dependencies: ["TestSupport"], exclude: ["Golden"]),
    // Uses the library as a client would: `import GradgenKit` alone. The modules it re-exports
    // are listed too (as the product lists them), so that a change in one rebuilds the tests.
    .testTarget(name: "GradgenKitTests", dependencies: ["GradgenKit", "Exact", "Symbolic", "MatrixCalculus", "NetworkModel", "Autodiff", "Emit", "Verify"]),
    .testTarget(name: "VerifyTests", dependencies: ["Verify", "NetworkModel", "Autodiff", "Exact", "TestSupport"]),
]

// MARK: - Package

let package = Package(
    name: "gradgen",
    products: products,
    dependencies: dependencies,
    targets: systemLibraries + libraries + generated + tools + plugins + benchmarks + tests
)
