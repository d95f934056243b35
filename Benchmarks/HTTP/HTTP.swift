import Benchmark
import Cases
import Suite

// The 248-byte request of issue 3, a response with 10 headers, a request with a 2 KiB cookie.
// Ours and the peers side by side in one run; the cases are in Cases/Cases.swift.
let benchmarks: @Sendable () -> Void = {
    register(Cases.http)
}
