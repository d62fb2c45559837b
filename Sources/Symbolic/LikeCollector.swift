/// Collects weights of like keys in first-seen order: terms of a sum (`2x + 3x → 5x`,
/// weights are coefficients) and factors of a product (`x · x² → x³`, weights are
/// exponents). The dictionary only finds a key's slot; callers sort the result by the
/// canonical order, so no output order comes from hashing.
struct LikeCollector<Weight: AdditiveArithmetic> {
    private var keys: [ExpressionID] = []
    private var weights: [Weight] = []
    /// Slots by key, built once there are more keys than a linear search handles quickly
    /// (most sums and products have a few terms, and hashing costs more than scanning them).
    private var slots: [ExpressionID: Int] = [:]
    private static var scanLimit: Int { 16 }

    mutating func add(_ key: ExpressionID, _ weight: Weight) {
        if let slot = slot(of: key) {
            weights[slot] += weight
            return
        }
        if keys.count >= Self.scanLimit {
            if slots.isEmpty { for (slot, key) in keys.enumerated() { slots[key] = slot } }
            slots[key] = keys.count
        }
        keys.append(key)
        weights.append(weight)
    }

    private func slot(of key: ExpressionID) -> Int? {
        keys.count > Self.scanLimit ? slots[key] : keys.firstIndex(of: key)
    }

    /// The collected pairs whose weight is not zero, in first-seen order.
    var nonZero: [(key: ExpressionID, weight: Weight)] {
        zip(keys, weights).filter { $0.1 != .zero }.map { (key: $0.0, weight: $0.1) }
    }
}
