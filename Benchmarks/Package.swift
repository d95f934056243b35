// swift-tools-version: 6.1
import PackageDescription

// The benchmarks of swift-packet-framing: a package of its own, so that users of the library never
// resolve the benchmark harness or SwiftNIO. Run everything with `./run`, the allocation checks
// with `./check-allocations` (see README.md).
//
// Every suite folder (`NAME/NAME.swift`, an executable target whose folder sits in this
// `Benchmarks` folder) is found by package-benchmark's plugin; the support targets are libraries
// and the probe lives under `Tools/`, so the plugin does not take them for suites.

let benchmark: Target.Dependency = .product(name: "Benchmark", package: "benchmark")
let withPeers: [Target.Dependency] = [benchmark, "Suite", "Cases"]
let benchmarkPlugin: [Target.PluginUsage] = [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
// The streams and our framer loops, shared with `packetcat bench` (the root's PacketBench).
let packetBench: Target.Dependency = .product(name: "PacketBench", package: "swift-packet-framing")

let package = Package(
    name: "swift-packet-framing-benchmarks",
    dependencies: [
        // `name:` keeps the identity stable whatever the checkout's folder is called.
        .package(name: "swift-packet-framing", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // Streams built in memory, our implementations, and the C line (no SwiftNIO: the
        // allocation checks build only this and the harness).
        .target(
            name: "Workloads",
            dependencies: [
                .product(name: "PacketFraming", package: "swift-packet-framing"),
                packetBench,
                "CPeers",
            ],
            path: "Workloads"
        ),
        // The physical-limit line: a plain length-prefix walk and a memchr line split in C.
        .target(name: "CPeers", path: "CPeers", cSettings: [.unsafeFlags(["-O2"])]),
        // SwiftNIO's decoders through their pipeline, and hand loops on NIO's ByteBuffer.
        .target(
            name: "NIOPeers",
            dependencies: [
                "Workloads",
                packetBench,
                .product(name: "PacketFraming", package: "swift-packet-framing"),
                .product(name: "PacketFramingNIO", package: "swift-packet-framing"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ],
            path: "NIOPeers"
        ),
        // Every case (an implementation over a stream), by suite; used by the suites and the probe.
        .target(
            name: "Cases",
            dependencies: [
                "Workloads", "NIOPeers", packetBench, .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "PacketFraming", package: "swift-packet-framing"),
            ],
            path: "Cases"
        ),
        // Registers cases with package-benchmark, with the metrics every suite records.
        .target(name: "Suite", dependencies: [benchmark, "Cases", "Workloads", packetBench], path: "Suite"),

        // MARK: - Suites

        .executableTarget(
            name: "LengthPrefixed", dependencies: withPeers, path: "LengthPrefixed", plugins: benchmarkPlugin),
        .executableTarget(name: "Lines", dependencies: withPeers, path: "Lines", plugins: benchmarkPlugin),
        .executableTarget(name: "Records", dependencies: withPeers, path: "Records", plugins: benchmarkPlugin),
        .executableTarget(name: "HTTP", dependencies: withPeers, path: "HTTP", plugins: benchmarkPlugin),
        .executableTarget(name: "Encoder", dependencies: withPeers, path: "Encoder", plugins: benchmarkPlugin),
        // Ours only, with malloc thresholds: what `./check-allocations` (and CI) runs.
        .executableTarget(
            name: "Allocations",
            dependencies: [
                benchmark, "Workloads", packetBench, .product(name: "PacketFraming", package: "swift-packet-framing"),
            ],
            path: "Allocations",
            plugins: benchmarkPlugin
        ),

        // The loopback socket benchmark of issue 12 (our socket against NIOPosix pipelines; Erlang's
        // gen_tcp in erlang/sockets.escript), run by ./run-sockets.
        .executableTarget(
            name: "socket-bench",
            dependencies: [
                .product(name: "PacketFraming", package: "swift-packet-framing"),
                .product(name: "PacketFramingNIO", package: "swift-packet-framing"),
                .product(name: "PacketSocket", package: "swift-packet-framing"),
                .product(name: "PacketInet", package: "swift-packet-framing"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ],
            path: "Sockets"
        ),

        // One case at a time for `valgrind --tool=callgrind` (instruction counts on noisy machines).
        .executableTarget(name: "bench-probe", dependencies: ["Cases", "Workloads", packetBench], path: "Tools/Probe"),
    ]
)
