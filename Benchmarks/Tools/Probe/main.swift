import Cases
import Glibc
import PacketBench
import Workloads

// bench-probe: the benchmark cases one at a time, outside package-benchmark.
//
//   bench-probe list                     every case name
//   bench-probe streams                  every stream: id, feed, units, bytes, CRC-32 (compare
//                                        with `escript erlang/bench.escript streams`)
//   bench-probe run FILTER [PASSES]      runs each case whose name contains FILTER: prepares it
//                                        (one checked pass), then PASSES more passes (default 5),
//                                        printing the best time per pass
//
// Instruction counts: `valgrind --tool=callgrind bench-probe run NAME 0` and `... NAME 10`; the
// difference over 10 is the cost of one pass, whatever else the machine is doing.

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func complain(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "list":
    for item in Cases.all { print(item.name) }
case "streams":
    for workload in Catalog.all {
        for (feed, stream) in [("64K", workload.big), ("drip", workload.drip)] {
            print(stream.id, feed, stream.units, stream.bytes.count, String(CLine.crc32(stream.bytes), radix: 16))
        }
    }
case "run" where arguments.count >= 2:
    let filter = arguments[1]
    let passes = arguments.count >= 3 ? Int(arguments[2]) ?? 5 : 5
    var matched = 0
    for item in Cases.all where item.name.contains(filter) {
        matched += 1
        let run = item.prepareChecked()
        var best = Double.infinity
        var sink = 0
        for _ in 0..<passes {
            let start = now()
            sink &+= run().bytes
            best = min(best, now() - start)
        }
        if passes > 0 {
            print("\(item.name)\t\(best)\t\(Double(item.expected) / best)/s\t(\(sink & 1))")
        } else {
            print("\(item.name)\tprepared")
        }
    }
    if matched == 0 {
        complain("bench-probe: no case matches '\(filter)'")
        exit(1)
    }
default:
    complain("usage: bench-probe list | streams | run FILTER [PASSES]")
    exit(64)
}
