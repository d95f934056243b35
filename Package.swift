// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "swift-packet-framing",
    products: [
        .library(name: "PacketFraming", targets: ["PacketFraming"]),
        .library(name: "PacketConform", targets: ["PacketConform"]),
        .executable(name: "packetcat", targets: ["packetcat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The core: buffer, codecs, framer, encoder. Standard library only.
        .target(name: "PacketFraming"),
        // Erlang term printing and the `packetcat conform` batch formats. Standard library only.
        .target(name: "PacketConform", dependencies: ["PacketFraming"]),
        .executableTarget(
            name: "packetcat",
            dependencies: [
                "PacketFraming",
                "PacketConform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PacketFramingTests", dependencies: ["PacketFraming"]),
        .testTarget(name: "PacketConformTests", dependencies: ["PacketFraming", "PacketConform"]),
    ],
    swiftLanguageModes: [.v6]
)
