/// Runs `transform` over `items` with at most `limit` transforms running at once, and hands each output
/// to `consume` in the items' order, as soon as it and every output before it have arrived. `consume`
/// returning false stops the map: no further transform starts and the running ones are cancelled.
///
/// The one bounded, in-order concurrent map of the engine: decoding pages beside the inserting thread
/// (`RowMaterializer`) and sending mutations (`OperationSender`) both run through it.
func orderedConcurrentMap<Item: Sendable, Output: Sendable>(
    _ items: [Item], limit: Int,
    _ transform: @escaping @Sendable (Item) async -> Output,
    consume: (Int, Output) -> Bool
) async {
    let window = max(1, limit)
    await withTaskGroup(of: (Int, Output).self) { group in
        // Tasks are added inline, never from a nested function capturing `group` (optimised builds
        // mis-handled that once; see ResourceLoader).
        var launched = 0
        var nextToConsume = 0
        var arrived: [Int: Output] = [:]
        var stopped = false
        while !stopped {
            while launched < items.count, launched - nextToConsume - arrived.count < window {
                let (index, item) = (launched, items[launched])
                group.addTask { (index, await transform(item)) }
                launched += 1
            }
            guard let (index, output) = await group.next() else { break }
            arrived[index] = output
            while !stopped, let next = arrived.removeValue(forKey: nextToConsume) {
                stopped = !consume(nextToConsume, next)
                nextToConsume += 1
            }
        }
        group.cancelAll()
    }
}
