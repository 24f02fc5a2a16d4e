import Dispatch
import Evidence

/// Maps a function over values on every core at once, keeping the values' order.
enum ConcurrentMap {
    static func map<Value, Result: Sendable>(_ values: [Value], _ transform: @Sendable (Value) -> Result) -> [Result]
    where Value: Sendable {
        var results = [Result?](repeating: nil, count: values.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: values.count) { index in
                slots[index] = transform(values[index])
            }
        }
        return results.compactMap { $0 }
    }
}
