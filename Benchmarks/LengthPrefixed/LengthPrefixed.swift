import Benchmark
import Cases
import Suite

// 1/2/4-byte length headers: 16 B, 64 B, 4 KiB and 1 MiB payloads.
// Ours and the peers side by side in one run; the cases are in Cases/Cases.swift.
let benchmarks: @Sendable () -> Void = {
    register(Cases.lengthPrefixed)
}
