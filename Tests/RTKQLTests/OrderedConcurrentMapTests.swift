@testable import RTKQL
import Synchronization
import Testing

/// The engine's one bounded, in-order concurrent map.
@Suite struct OrderedConcurrentMapTests {
    /// Counts transforms running at once and the most ever seen.
    final class Gauge: Sendable {
        let state = Mutex((running: 0, peak: 0, started: 0))
        func enter() { state.withLock { $0.running += 1; $0.started += 1; $0.peak = max($0.peak, $0.running) } }
        func leave() { state.withLock { $0.running -= 1 } }
    }

    @Test func outputsArriveInItemOrderWithAtMostLimitRunning() async {
        let gauge = Gauge()
        var consumed: [(Int, Int)] = []
        // Later items finish first, so order has to be restored.
        await orderedConcurrentMap(Array(0..<40), limit: 3, { item in
            gauge.enter()
            try? await Task.sleep(for: .milliseconds(item % 4 == 0 ? 20 : 2))
            gauge.leave()
            return item * 10
        }, consume: { index, output in
            consumed.append((index, output))
            return true
        })
        #expect(consumed.map(\.0) == Array(0..<40))
        #expect(consumed.map(\.1) == (0..<40).map { $0 * 10 })
        let peak = gauge.state.withLock { $0.peak }
        #expect(peak <= 3)
        #expect(peak >= 2)
    }

    @Test func consumeReturningFalseStopsStartingTransforms() async {
        let gauge = Gauge()
        var consumed: [Int] = []
        await orderedConcurrentMap(Array(0..<100), limit: 2, { item in
            gauge.enter()
            gauge.leave()
            return item
        }, consume: { _, output in
            consumed.append(output)
            return output < 4
        })
        #expect(consumed == [0, 1, 2, 3, 4])
        // At most the window beyond the stopping item had started.
        #expect(gauge.state.withLock { $0.started } <= 7)
    }

    @Test func emptyInputConsumesNothing() async {
        var calls = 0
        await orderedConcurrentMap([Int](), limit: 4, { $0 }, consume: { _, _ in calls += 1; return true })
        #expect(calls == 0)
    }
}
