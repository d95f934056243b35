import Benchmark
import Cases
import Suite

// Lines of 64 B and 4 KiB, without and with line_length truncation at half a line.
// Ours and the peers side by side in one run; the cases are in Cases/Cases.swift.
let benchmarks: @Sendable () -> Void = {
    register(Cases.lines)
}
