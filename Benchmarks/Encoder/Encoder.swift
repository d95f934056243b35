import Benchmark
import Cases
import Suite

// The encoder: 1/2/4-byte headers on 64 B payloads, 4-byte on 4 KiB.
// Ours and the peers side by side in one run; the cases are in Cases/Cases.swift.
let benchmarks: @Sendable () -> Void = {
    register(Cases.encoder)
}
