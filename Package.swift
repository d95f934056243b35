// swift-tools-version: 6.2
import PackageDescription

// Warnings are errors in this package's own targets (SwiftPM does not apply these settings when
// the package is a remote dependency of yours).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "swift-packet-framing",
    products: [
        .library(name: "PacketFraming", targets: ["PacketFraming"]),
        .library(name: "PacketConform", targets: ["PacketConform"]),
        .library(name: "PacketInet", targets: ["PacketInet"]),
        .library(name: "PacketCorpus", targets: ["PacketCorpus"]),
        .executable(name: "packetcat", targets: ["packetcat"]),
        // The benchmark streams and framer loops shared by `packetcat bench` and `Benchmarks/`
        // (a product only because the benchmark package is a package of its own). Not API.
        .library(name: "PacketBench", targets: ["PacketBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The core: buffer, codecs, framer, encoder. Standard library only, and the C library's memchr.
        .target(name: "PacketFraming", swiftSettings: strict),
        // Erlang term printing and the `packetcat conform` batch formats. Standard library only.
        .target(name: "PacketConform", dependencies: ["PacketFraming"], swiftSettings: strict),
        // Erlang's inet utilities: addresses, hosts, interfaces, POSIX errors. Standard library and Glibc only.
        .target(name: "PacketInet", swiftSettings: strict),
        // The system zlib (Debian's zlib1g-dev), for the corpus archives.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Deterministic zlib-compressed fuzz corpus archives: pack, unpack, bounded decoding.
        .target(name: "PacketCorpus", dependencies: ["CZlib"], swiftSettings: strict),
        // The streams and timed loops of `packetcat bench` and `Benchmarks/`: one builder, one
        // compiled loop for both. Standard library and PacketFraming only.
        .target(name: "PacketBench", dependencies: ["PacketFraming"], swiftSettings: strict),
        .executableTarget(
            name: "packetcat",
            dependencies: [
                "PacketFraming",
                "PacketBench",
                "PacketConform",
                "PacketInet",
                "PacketCorpus",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // What the test targets share: the seeded generator and the Erlang oracle. Not a product.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "PacketFramingTests",
            dependencies: ["PacketFraming", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PacketConformTests",
            dependencies: ["PacketFraming", "PacketConform", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "PacketCorpusTests", dependencies: ["PacketCorpus"], swiftSettings: strict),
        .testTarget(name: "PacketInetTests", dependencies: ["PacketInet", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "PacketcatTests",
            dependencies: ["packetcat", "PacketFraming", "PacketConform", "PacketBench"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
