import Benchmark
import Cases
import PacketBench
import Workloads

/// The metrics every suite records: throughput (passes per second; `./run` turns them into
/// packets/s and bytes/s with the counts in each name), wall clock, CPU time, mallocs, and
/// instructions where the kernel lets perf count them.
public let suiteMetrics: [BenchmarkMetric] = [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .instructions]

/// Registers `cases` with package-benchmark. Inputs are built in each benchmark's setup (not
/// measured) and checked once: a case that does not deliver its packets stops the run. Every
/// suite also gets the `overhead` case, whose mallocs `Tools/report.py` subtracts.
public func register(_ cases: [Case], maxDuration: Duration = .seconds(1), maxIterations: Int = 1000) {
    for item in cases + [Cases.overhead] {
        let runner = Runner()
        Benchmark(
            item.name,
            configuration: .init(
                metrics: suiteMetrics,
                warmupIterations: 2,
                maxDuration: maxDuration,
                maxIterations: maxIterations
            ),
            closure: { benchmark in
                let run = runner.run!
                for _ in benchmark.scaledIterations { blackHole(run()) }
            },
            setup: { runner.run = item.prepareChecked() },
            teardown: { runner.run = nil }
        )
    }
}

/// Holds a prepared case between setup and the measured closure.
final class Runner: @unchecked Sendable {
    var run: (() -> Tally)?
}
