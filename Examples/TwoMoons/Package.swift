// swift-tools-version:6.0
import PackageDescription

// A classifier trained with gradient code that gradgen generates at build time from
// Sources/TwoMoons/MoonsNet.gradgen.json. In your own package, depend on gradgen by URL or path
// and add the plugin to the target that holds your specs.
let package = Package(
    name: "TwoMoons",
    dependencies: [
        .package(name: "gradgen", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "TwoMoons",
            plugins: [.plugin(name: "GradgenPlugin", package: "gradgen")]
        ),
    ]
)
