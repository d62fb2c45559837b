/// How two lists of `Double` results agree: the largest absolute and relative differences,
/// and whether every pair is within `relativeTolerance` (plus an absolute allowance of
/// 1e-14 times the largest magnitude, for values that cancel to almost nothing).
public struct DoubleComparison: Sendable {
    /// The tolerance of `agrees`.
    public static let relativeTolerance = 1e-12
    /// The absolute allowance of `agrees`, as a fraction of the largest magnitude compared.
    public static let cancellationAllowance = 1e-14

    /// Number of values compared.
    public let count: Int
    /// Largest |a − b|.
    public let maximumAbsoluteError: Double
    /// Largest |a − b| / max(|a|, |b|) (0 where both are 0).
    public let maximumRelativeError: Double
    /// True when every pair agrees to the tolerance.
    public let agrees: Bool

    public init(_ values: [Double], _ reference: [Double]) {
        precondition(values.count == reference.count, "compare lists of the same length")
        let scale = (values + reference).map { Swift.abs($0) }.filter { $0.isFinite }.max() ?? 0
        var absolute = 0.0
        var relative = 0.0
        var agrees = true
        for (a, b) in zip(values, reference) {
            let difference = Swift.abs(a - b)
            let size = max(Swift.abs(a), Swift.abs(b))
            absolute = max(absolute, difference)
            relative = max(relative, size == 0 ? 0 : difference / size)
            if !(difference <= Self.relativeTolerance * size + Self.cancellationAllowance * scale) { agrees = false }
        }
        count = values.count
        maximumAbsoluteError = absolute
        maximumRelativeError = relative
        self.agrees = agrees
    }

    /// Both lists merged: the worst of each measure.
    public func merged(with other: DoubleComparison) -> DoubleComparison {
        DoubleComparison(
            count: count + other.count,
            maximumAbsoluteError: max(maximumAbsoluteError, other.maximumAbsoluteError),
            maximumRelativeError: max(maximumRelativeError, other.maximumRelativeError),
            agrees: agrees && other.agrees
        )
    }

    private init(count: Int, maximumAbsoluteError: Double, maximumRelativeError: Double, agrees: Bool) {
        self.count = count
        self.maximumAbsoluteError = maximumAbsoluteError
        self.maximumRelativeError = maximumRelativeError
        self.agrees = agrees
    }
}
