import CGMP

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// GMP's raw pointers never leave these two classes. Swift may release an object right
// after its last use, so a pointer read off a temporary (`x.gmpValue().pointer`) can
// dangle before the C call runs; every GMP call therefore happens inside a method whose
// operands are `self` and parameters, which Swift keeps alive for the call.

/// An owned GMP rational (`mpq_t`) for values that do not fit in two machine words.
///
/// The `mpq_t` lives in its own allocation rather than inline in the class: GMP
/// takes pointers to it, and an inline stored property passed as `&self.value`
/// triggers Swift's exclusivity checks when the same object is both source and
/// destination. A separately allocated pointer has no such conflict and is faster.
///
/// Instances are immutable once published in a `Rational`; the only mutation is in
/// place on a uniquely referenced instance (copy-on-write), so sharing is safe.
@usableFromInline
final class GMPRational: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<__mpq_struct>

    /// The binary operations that overflow the inline form.
    @usableFromInline
    enum Operation: Sendable {
        case add, subtract, multiply

        func callAsFunction(_ result: UnsafeMutablePointer<__mpq_struct>, _ lhs: UnsafeMutablePointer<__mpq_struct>, _ rhs: UnsafeMutablePointer<__mpq_struct>) {
            switch self {
            case .add: __gmpq_add(result, lhs, rhs)
            case .subtract: __gmpq_sub(result, lhs, rhs)
            case .multiply: __gmpq_mul(result, lhs, rhs)
            }
        }
    }

    /// Zero.
    init() {
        pointer = .allocate(capacity: 1)
        __gmpq_init(pointer)
    }

    /// `numerator / denominator`, reduced. The denominator is not zero.
    convenience init(_ numerator: Int, _ denominator: UInt) {
        self.init()
        __gmpq_set_si(pointer, numerator, denominator)
        __gmpq_canonicalize(pointer)
    }

    /// `numerator / denominator`, reduced. The denominator is not zero.
    convenience init(_ numerator: GMPInteger, _ denominator: GMPInteger) {
        self.init()
        __gmpz_set(cgmp_mpq_numref(pointer), numerator.pointer)
        __gmpz_set(cgmp_mpq_denref(pointer), denominator.pointer)
        __gmpq_canonicalize(pointer)
    }

    deinit {
        __gmpq_clear(pointer)
        pointer.deallocate()
    }

    /// `operation(lhs, rhs)` into a new value.
    @usableFromInline
    static func apply(_ operation: Operation, _ lhs: GMPRational, _ rhs: GMPRational) -> GMPRational {
        let result = GMPRational()
        operation(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }

    /// `self = operation(self, rhs)`, for a uniquely referenced `self`.
    func formInPlace(_ operation: Operation, _ rhs: GMPRational) {
        operation(pointer, pointer, rhs.pointer)
    }

    func negated() -> GMPRational {
        let result = GMPRational()
        __gmpq_neg(result.pointer, pointer)
        return result
    }

    /// `1 / self`; the caller has checked that `self` is not zero.
    func inverted() -> GMPRational {
        let result = GMPRational()
        __gmpq_inv(result.pointer, pointer)
        return result
    }

    var sign: Int { Int(cgmp_mpq_sgn(pointer)) }
    var isInteger: Bool { __gmpz_cmp_ui(cgmp_mpq_denref(pointer), 1) == 0 }
    func isEqual(to other: GMPRational) -> Bool { __gmpq_equal(pointer, other.pointer) != 0 }
    func compare(to other: GMPRational) -> Int { Int(__gmpq_cmp(pointer, other.pointer)) }

    /// Numerator and denominator as machine words when the value fits the inline form
    /// of `Rational` (numerator not `Int.min`).
    var smallParts: (numerator: Int, denominator: Int)? {
        let numerator = cgmp_mpq_numref(pointer)
        let denominator = cgmp_mpq_denref(pointer)
        guard __gmpz_fits_slong_p(numerator) != 0, __gmpz_fits_slong_p(denominator) != 0 else { return nil }
        let n = __gmpz_get_si(numerator)
        return n == .min ? nil : (n, __gmpz_get_si(denominator))
    }

    /// True when in lowest terms with a positive denominator.
    var isReduced: Bool {
        let copy = GMPRational()
        __gmpq_set(copy.pointer, pointer)
        __gmpq_canonicalize(copy.pointer)
        return isEqual(to: copy) && cgmp_mpz_sgn(cgmp_mpq_denref(pointer)) > 0
    }

    var numerator: GMPInteger { GMPInteger(copying: cgmp_mpq_numref(pointer)) }
    var denominator: GMPInteger { GMPInteger(copying: cgmp_mpq_denref(pointer)) }

    func hash(into hasher: inout Hasher) {
        GMPInteger.hashLimbs(of: cgmp_mpq_numref(pointer), into: &hasher)
        GMPInteger.hashLimbs(of: cgmp_mpq_denref(pointer), into: &hasher)
    }
}

/// An owned GMP integer (`mpz_t`), for temporaries while parsing, formatting and
/// converting. Same storage reasoning as `GMPRational`. Methods mutate `self`.
final class GMPInteger {
    fileprivate let pointer: UnsafeMutablePointer<__mpz_struct>

    init() {
        pointer = .allocate(capacity: 1)
        __gmpz_init(pointer)
    }

    convenience init(_ value: UInt) {
        self.init()
        __gmpz_set_ui(pointer, value)
    }

    /// Parses decimal digits (no sign); the caller has checked that they are digits.
    convenience init(decimalDigits digits: String) {
        self.init()
        let status = digits.withCString { __gmpz_set_str(pointer, $0, 10) }
        precondition(status == 0, "not decimal digits: \(digits)")
    }

    fileprivate convenience init(copying source: UnsafePointer<__mpz_struct>) {
        self.init()
        __gmpz_set(pointer, source)
    }

    /// An independent copy.
    func copy() -> GMPInteger { GMPInteger(copying: pointer) }

    /// `10^exponent`.
    static func powerOfTen(_ exponent: Int) -> GMPInteger {
        let result = GMPInteger()
        __gmpz_ui_pow_ui(result.pointer, 10, UInt(exponent))
        return result
    }

    /// `2^exponent`.
    static func powerOfTwo(_ exponent: Int) -> GMPInteger {
        let result = GMPInteger()
        __gmpz_setbit(result.pointer, UInt(exponent))
        return result
    }

    deinit {
        __gmpz_clear(pointer)
        pointer.deallocate()
    }

    // MARK: Reading

    var sign: Int { Int(cgmp_mpz_sgn(pointer)) }
    var bitCount: Int { Int(__gmpz_sizeinbase(pointer, 2)) }
    var lowWord: UInt { __gmpz_get_ui(pointer) }
    var isOdd: Bool { __gmpz_tstbit(pointer, 0) == 1 }
    func compare(to other: GMPInteger) -> Int { Int(__gmpz_cmp(pointer, other.pointer)) }

    /// Number of decimal digits of the magnitude (exact; GMP's estimate may be one too many).
    var decimalDigitCount: Int {
        let estimate = Int(__gmpz_sizeinbase(pointer, 10))
        guard estimate > 1 else { return estimate }
        // The power is kept alive while GMP reads it (see the note at the top of this file):
        // read off a temporary, its pointer could be freed before the call.
        let power = GMPInteger.powerOfTen(estimate - 1)
        let atLeast = withExtendedLifetime(power) { __gmpz_cmpabs(pointer, power.pointer) >= 0 }
        return atLeast ? estimate : estimate - 1
    }

    /// Decimal text, with a leading "-" when negative.
    var decimalString: String {
        guard let raw = __gmpz_get_str(nil, 10, pointer) else { return "0" }
        defer { free(raw) }
        return String(cString: raw)
    }

    // MARK: Mutating

    func formAbsoluteValue() { __gmpz_abs(pointer, pointer) }
    func negate() { __gmpz_neg(pointer, pointer) }
    func multiply(by other: GMPInteger) { __gmpz_mul(pointer, pointer, other.pointer) }
    func multiplyByPowerOfTwo(_ exponent: Int) { __gmpz_mul_2exp(pointer, pointer, UInt(exponent)) }
    func add(_ value: UInt) { __gmpz_add_ui(pointer, pointer, value) }
    func divideTruncating(by value: UInt) { __gmpz_tdiv_q_ui(pointer, pointer, value) }

    /// Truncated division: `(self / divisor, self % divisor)`.
    func quotientAndRemainder(dividingBy divisor: GMPInteger) -> (quotient: GMPInteger, remainder: GMPInteger) {
        let quotient = GMPInteger()
        let remainder = GMPInteger()
        __gmpz_tdiv_qr(quotient.pointer, remainder.pointer, pointer, divisor.pointer)
        return (quotient, remainder)
    }

    /// The non-negative greatest common divisor of `self` and `other`.
    func greatestCommonDivisor(with other: GMPInteger) -> GMPInteger {
        let result = GMPInteger()
        __gmpz_gcd(result.pointer, pointer, other.pointer)
        return result
    }

    /// `(self >> bits, self mod 2^bits)` for a non-negative `self`.
    func splitLowBits(_ bits: Int) -> (high: GMPInteger, low: GMPInteger) {
        let high = GMPInteger()
        let low = GMPInteger()
        __gmpz_fdiv_q_2exp(high.pointer, pointer, UInt(bits))
        __gmpz_fdiv_r_2exp(low.pointer, pointer, UInt(bits))
        return (high, low)
    }

    fileprivate static func hashLimbs(of value: UnsafePointer<__mpz_struct>, into hasher: inout Hasher) {
        hasher.combine(cgmp_mpz_sgn(value))
        let count = cgmp_mpz_limb_count(value)
        hasher.combine(count)
        for index in 0..<count {
            hasher.combine(__gmpz_getlimbn(value, mp_size_t(index)))
        }
    }
}
