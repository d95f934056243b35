import Benchmark
import Cases
import Suite

// sunrm, asn1, tpkt, fcgi and cdr with 64 B and 4 KiB bodies (Erlang is the peer: ./erlang/run).
// Ours and the peers side by side in one run; the cases are in Cases/Cases.swift.
let benchmarks: @Sendable () -> Void = {
    register(Cases.records)
}
