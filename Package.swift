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
    ],
    // The one dependency, swift-argument-parser, is packetcat's alone. A package that wants only the
    // libraries can turn the default trait off (`.package(..., traits: [])`); SwiftPM then does not
    // fetch swift-argument-parser at all (without the trait it is fetched, though never built).
    traits: [
        .trait(name: "CommandLineTool", description: "Build packetcat (needs swift-argument-parser)."),
        .default(enabledTraits: ["CommandLineTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The core: buffer, codecs, framer, encoder. Standard library only.
        .target(name: "PacketFraming", swiftSettings: strict),
        // Erlang term printing and the `packetcat conform` batch formats (packet, stream, inet).
        .target(name: "PacketConform", dependencies: ["PacketFraming", "PacketInet"], swiftSettings: strict),
        // Erlang's inet utilities: addresses, hosts, interfaces, POSIX errors. Standard library and the
        // C library only (Glibc or Musl on Linux, Darwin on macOS).
        .target(name: "PacketInet", swiftSettings: strict),
        // The system zlib (Debian's zlib1g-dev; part of the macOS SDK), for the corpus archives.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // Deterministic zlib-compressed fuzz corpus archives: pack, unpack, bounded decoding.
        .target(name: "PacketCorpus", dependencies: ["CZlib"], swiftSettings: strict),
        .executableTarget(
            name: "packetcat",
            dependencies: [
                "PacketFraming",
                "PacketConform",
                "PacketInet",
                "PacketCorpus",
                .product(
                    name: "ArgumentParser", package: "swift-argument-parser",
                    condition: .when(traits: ["CommandLineTool"])),
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
        .testTarget(
            name: "PacketInetTests",
            dependencies: ["PacketInet", "PacketConform", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PacketcatTests",
            dependencies: ["packetcat", "PacketFraming", "PacketConform"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
