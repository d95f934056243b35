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
        .library(name: "PacketFramingNIO", targets: ["PacketFramingNIO"]),
        .library(name: "PacketSocket", targets: ["PacketSocket"]),
        .executable(name: "packetcat", targets: ["packetcat"]),
        // The benchmark streams and framer loops shared by `packetcat bench` and `Benchmarks/`
        // (a product only because the benchmark package is a package of its own). Not API.
        .library(name: "PacketBench", targets: ["PacketBench"]),
    ],
    // Each dependency belongs to one trait: swift-argument-parser to packetcat (CommandLineTool),
    // swift-nio to the PacketFramingNIO handlers (SwiftNIO). A package that wants only the codecs
    // turns the default traits off (`.package(..., traits: [])`); SwiftPM then fetches neither
    // (with a trait on, its dependency is fetched even where nothing built needs it).
    traits: [
        .trait(name: "CommandLineTool", description: "Build packetcat (needs swift-argument-parser)."),
        .trait(name: "SwiftNIO", description: "Build the PacketFramingNIO handlers (needs swift-nio)."),
        .default(enabledTraits: ["CommandLineTool", "SwiftNIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // The core: buffer, codecs, framer, encoder. Standard library only, and the C library's memchr.
        .target(name: "PacketFraming", swiftSettings: strict),
        // SwiftNIO handlers on the core's state machine: its own target, so that a codec-only
        // user builds no NIO (and, with the SwiftNIO trait off, fetches none).
        .target(
            name: "PacketFramingNIO",
            dependencies: [
                "PacketFraming",
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["SwiftNIO"])),
            ],
            swiftSettings: strict
        ),
        // Sockets with gen_tcp / gen_udp semantics on SwiftNIO's NIOPosix event loops: its own
        // target, so that a codec-only user builds no NIO.
        .target(
            name: "PacketSocket",
            dependencies: [
                "PacketFraming", "PacketInet", "PacketSystem",
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["SwiftNIO"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["SwiftNIO"])),
                .product(
                    name: "NIOConcurrencyHelpers", package: "swift-nio", condition: .when(traits: ["SwiftNIO"])),
            ],
            swiftSettings: strict
        ),
        // Erlang term printing and the `packetcat conform` batch formats (packet, stream, inet).
        .target(name: "PacketConform", dependencies: ["PacketFraming", "PacketInet"], swiftSettings: strict),
        // Erlang's inet utilities: addresses, hosts, interfaces, POSIX errors. Standard library and the
        // C library only (Glibc or Musl on Linux, Darwin on macOS).
        .target(name: "PacketInet", swiftSettings: strict),
        // The system zlib (Debian's zlib1g-dev; part of the macOS SDK), for the corpus archives.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // Deterministic zlib-compressed fuzz corpus archives: pack, unpack, bounded decoding.
        .target(name: "PacketCorpus", dependencies: ["CZlib", "PacketSystem"], swiftSettings: strict),
        // The one wrapper around the C library's file calls (EINTR retried, errno as a typed
        // error) that packetcat and the corpus files share. Not a product.
        .target(name: "PacketSystem", swiftSettings: strict),
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
                .target(name: "PacketSocket", condition: .when(traits: ["SwiftNIO"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["SwiftNIO"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["SwiftNIO"])),
                .product(
                    name: "ArgumentParser", package: "swift-argument-parser",
                    condition: .when(traits: ["CommandLineTool"])),
            ],
            swiftSettings: strict
        ),
        // What the test targets share: the seeded generator, sample packets and the Erlang oracle. Not a product.
        .target(
            name: "TestSupport", dependencies: ["PacketFraming"], path: "Tests/TestSupport", swiftSettings: strict),
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
        .testTarget(
            name: "PacketFramingNIOTests",
            dependencies: [
                "PacketFramingNIO", "PacketFraming", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PacketSocketTests",
            dependencies: [
                "PacketSocket", "PacketFraming", "PacketInet", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "PacketCorpusTests", dependencies: ["PacketCorpus"], swiftSettings: strict),
        .testTarget(
            name: "PacketInetTests",
            dependencies: ["PacketInet", "PacketConform", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PacketcatTests",
            dependencies: [
                "packetcat", "PacketFraming", "PacketConform", "PacketBench", "PacketSocket", "PacketInet",
                "TestSupport",
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
