#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Exact

extension Double: AutodiffScalar {
    /// One, for generic code (`Double` has no `one` of its own).
    public static var one: Double { 1 }

    /// The nearest `Double` (correctly rounded, see `Double.init(_: Rational)` in `Exact`).
    public init(converting value: Rational) {
        self.init(value)
    }

    /// The C library's functions.
    public static var transcendentalFunctions: TranscendentalFunctions<Double>? {
        TranscendentalFunctions(exp: { exp($0) }, log: { log($0) }, log1p: { log1p($0) }, tanh: { tanh($0) })
    }
}
