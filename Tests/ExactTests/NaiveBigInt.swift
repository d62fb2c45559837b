import Exact

/// A deliberately naive signed big integer (schoolbook, base 2^32), written for the tests
/// only: an independent check of `Rational` where machine integers overflow. It shares no
/// code with `Exact` or GMP.
struct NaiveBigInt: Equatable, Comparable, CustomStringConvertible {
    /// Little-endian base-2^32 digits of the magnitude, no trailing zeros.
    private(set) var limbs: [UInt32]
    private(set) var negative: Bool

    init(_ value: Int) {
        var magnitude = value.magnitude
        limbs = []
        while magnitude > 0 {
            limbs.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        }
        negative = value < 0
    }

    /// Parses optional "-" and decimal digits.
    init(decimal text: Substring) {
        self.init(0)
        for character in text.drop(while: { $0 == "-" }) {
            self = self * NaiveBigInt(10) + NaiveBigInt(Int(String(character))!)
        }
        negative = text.hasPrefix("-") && !limbs.isEmpty
    }

    private init(limbs: [UInt32], negative: Bool) {
        var trimmed = limbs
        while trimmed.last == 0 { trimmed.removeLast() }
        self.limbs = trimmed
        self.negative = negative && !trimmed.isEmpty
    }

    var description: String { (negative ? "-" : "") + limbs.reversed().map { String($0, radix: 16) }.joined(separator: "_") }

    private static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a.reversed(), b.reversed()) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    private static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let sum = UInt64(i < a.count ? a[i] : 0) + UInt64(i < b.count ? b[i] : 0) + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry > 0 { result.append(UInt32(carry)) }
        return result
    }

    /// a − b for |a| ≥ |b|.
    private static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        var borrow: Int64 = 0
        for i in 0..<a.count {
            var difference = Int64(a[i]) - Int64(i < b.count ? b[i] : 0) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 1 << 32 }
            result.append(UInt32(difference))
        }
        return result
    }

    static func + (lhs: NaiveBigInt, rhs: NaiveBigInt) -> NaiveBigInt {
        if lhs.negative == rhs.negative {
            return NaiveBigInt(limbs: addMagnitudes(lhs.limbs, rhs.limbs), negative: lhs.negative)
        }
        if compareMagnitudes(lhs.limbs, rhs.limbs) >= 0 {
            return NaiveBigInt(limbs: subtractMagnitudes(lhs.limbs, rhs.limbs), negative: lhs.negative)
        }
        return NaiveBigInt(limbs: subtractMagnitudes(rhs.limbs, lhs.limbs), negative: rhs.negative)
    }

    static prefix func - (x: NaiveBigInt) -> NaiveBigInt { NaiveBigInt(limbs: x.limbs, negative: !x.negative) }
    static func - (lhs: NaiveBigInt, rhs: NaiveBigInt) -> NaiveBigInt { lhs + -rhs }

    static func * (lhs: NaiveBigInt, rhs: NaiveBigInt) -> NaiveBigInt {
        var result = [UInt32](repeating: 0, count: lhs.limbs.count + rhs.limbs.count + 1)
        for (i, x) in lhs.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in rhs.limbs.enumerated() {
                let t = UInt64(x) * UInt64(y) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i + rhs.limbs.count
            while carry > 0 {
                let t = UInt64(result[k]) + carry
                result[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k += 1
            }
        }
        return NaiveBigInt(limbs: result, negative: lhs.negative != rhs.negative)
    }

    static func < (lhs: NaiveBigInt, rhs: NaiveBigInt) -> Bool {
        if lhs.negative != rhs.negative { return lhs.negative }
        let order = compareMagnitudes(lhs.limbs, rhs.limbs)
        return lhs.negative ? order > 0 : order < 0
    }
}

extension Rational {
    /// Numerator and denominator read back from the printed form, as independent big integers.
    var naiveParts: (numerator: NaiveBigInt, denominator: NaiveBigInt) {
        let parts = description.split(separator: "/")
        return (NaiveBigInt(decimal: parts[0]), parts.count == 2 ? NaiveBigInt(decimal: parts[1]) : NaiveBigInt(1))
    }
}
