// swift-tools-version: 6.2
import PackageDescription

// The libFuzzer harness: a package of its own, so that users of the library never build it.
// Build (see README.md; both sanitizers in ONE -sanitize flag, or nothing gets coverage):
//   swift build --scratch-path .build-fuzz -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

/// Each fuzz target: its executable name and the FuzzSupport entry point it calls.
let fuzzers = [
    "FuzzLength", "FuzzLine", "FuzzASN1", "FuzzTpktFcgiCdr", "FuzzHTTP", "FuzzHTTPBin", "FuzzHTTPH",
    "FuzzHTTPHBin", "FuzzFramerDiff", "FuzzEncoderRoundtrip", "FuzzInet", "FuzzCorpusReader",
]

let package = Package(
    name: "PacketFramingFuzz",
    dependencies: [.package(name: "swift-packet-framing", path: "..")],
    targets: [
        // Everything the targets share: option bytes, invariants, the reference loops, seeds.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "PacketFraming", package: "swift-packet-framing"),
                .product(name: "PacketConform", package: "swift-packet-framing"),
                .product(name: "PacketInet", package: "swift-packet-framing"),
                .product(name: "PacketCorpus", package: "swift-packet-framing"),
            ],
            swiftSettings: strict
        ),
        // Seeds, and corpus archives packed and unpacked, for Fuzz/run (built without sanitizers).
        .executableTarget(name: "FuzzTool", dependencies: ["FuzzSupport"], swiftSettings: strict),
    ]
        + fuzzers.map {
            // One file, not main.swift: compiled as a library, so libFuzzer's main is the entry point.
            .executableTarget(name: $0, dependencies: ["FuzzSupport"], swiftSettings: strict)
        },
    swiftLanguageModes: [.v6]
)
