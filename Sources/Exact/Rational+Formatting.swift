/// How `Rational.latex(_:)` writes a fraction.
public enum LaTeXFractionStyle: Sendable {
    /// `\frac{29}{2}`, `-\frac{1}{2}`: for displayed equations and matrices.
    case fraction
    /// `29/2`, `-1/2`: for running text and dense rows.
    case inline
}

/// Which scalar type a Swift literal in generated code is for.
public enum SwiftScalarStyle: Sendable {
    /// A `Double` literal, correctly rounded: `0.1`, `14.5`, `-3.0`.
    case double
    /// A `Float` literal, rounded once from the exact value (never through `Double`): `0.1`,
    /// `14.5`, `-3.0`; in hexadecimal (`0x1.000002p0`) where the decimal, read through a
    /// wider type first as swiftc may read literals, would round to another `Float`.
    case float
    /// An exact `Rational` expression: `Rational(29, 2)`, `Rational(-3)`.
    case rational
    /// An expression in generic code over a scalar type named `typeName` that is
    /// `ExpressibleByIntegerLiteral` and has `init(_:over:)` and `init(rounded:)`: `2`, `-3`,
    /// `S(29, over: 2)`; values beyond `Int`'s fractions as `S(rounded: 1e+30)`, a `Double`
    /// literal; with `roundedToFloat`, one whose `Float` is the correctly rounded one (the code
    /// runs in `Float`, and the `Double` nearest the value could round to the wrong `Float`).
    case generic(typeName: String, roundedToFloat: Bool = false)
}

extension Rational {
    /// Sign and decimal digits of numerator and denominator.
    var decimalParts: (negative: Bool, numerator: String, denominator: String) {
        switch storage {
        case let .small(numerator, denominator):
            return (numerator < 0, String(numerator.magnitude), String(denominator))
        case let .big(value):
            let numerator = value.numerator.decimalString
            let negative = numerator.hasPrefix("-")
            return (negative, String(numerator.drop { $0 == "-" }), value.denominator.decimalString)
        }
    }

    /// Plain text: "29/2", "-3", "0".
    public var description: String {
        let (negative, numerator, denominator) = decimalParts
        let sign = negative ? "-" : ""
        return denominator == "1" ? sign + numerator : "\(sign)\(numerator)/\(denominator)"
    }

    /// LaTeX math: `\frac{29}{2}` or `-\frac{1}{2}` (`.fraction`), `29/2` (`.inline`);
    /// integers as themselves in both styles.
    public func latex(_ style: LaTeXFractionStyle = .fraction) -> String {
        let (negative, numerator, denominator) = decimalParts
        let sign = negative ? "-" : ""
        if denominator == "1" { return sign + numerator }
        switch style {
        case .fraction: return "\(sign)\\frac{\(numerator)}{\(denominator)}"
        case .inline: return "\(sign)\(numerator)/\(denominator)"
        }
    }

    /// A Swift expression of this value for generated code.
    ///
    /// `.double` gives the shortest literal that reads back as the correctly rounded
    /// `Double` (`0.1`, `14.5`, `-3.0`); `.rational` gives an exact expression
    /// (`Rational(29, 2)`; values beyond `Int` as `Rational("…")!`).
    public func swiftExpression(_ style: SwiftScalarStyle) -> String {
        switch style {
        case .double:
            let value = Double(self)
            if value.isInfinite { return value < 0 ? "-Double.infinity" : "Double.infinity" }
            return "\(value)"
        case .float:
            return Self.floatLiteral(Float(self))
        case .rational:
            switch storage {
            case let .small(numerator, 1): return "Rational(\(numerator))"
            case let .small(numerator, denominator): return "Rational(\(numerator), \(denominator))"
            case .big: return "Rational(\"\(description)\")!"
            }
        case let .generic(typeName, roundedToFloat):
            switch storage {
            case let .small(numerator, 1): return "\(numerator)"
            case let .small(numerator, denominator): return "\(typeName)(\(numerator), over: \(denominator))"
            case .big:
                // A Double literal either way: the protocol's init(rounded:) takes a Double.
                guard roundedToFloat else { return "\(typeName)(rounded: \(swiftExpression(.double)))" }
                let float = Float(self)
                let literal = float.isFinite ? Self.floatLiteral(float) : (float < 0 ? "-Double.infinity" : "Double.infinity")
                return "\(typeName)(rounded: \(literal))"
            }
        }
    }

    /// The shortest decimal that reads back as `value`, checked through every wider type the
    /// compiler may parse a literal in first; otherwise the exact hexadecimal literal.
    static func floatLiteral(_ value: Float) -> String {
        if value.isInfinite { return value < 0 ? "-Float.infinity" : "Float.infinity" }
        let decimal = "\(value)"
        var readsBack = Double(decimal).map(Float.init) == value
        #if arch(x86_64) || arch(i386)
        readsBack = readsBack && Float80(decimal).map(Float.init) == value
        #endif
        if readsBack { return decimal }
        let sign = value.sign == .minus ? "-" : ""
        let magnitude = value.magnitude
        let fraction = String(magnitude.significandBitPattern << 1, radix: 16)
        let padded = String(repeating: "0", count: 6 - fraction.count) + fraction
        return "\(sign)0x\(magnitude.isNormal ? 1 : 0).\(padded)p\(magnitude.isNormal ? Int(magnitude.exponent) : -126)"
    }

    /// The value to `significantDigits` significant digits, correctly rounded (ties away
    /// from zero), in the style of C's `%g`: positional for decimal exponents from -5 up to
    /// `significantDigits - 1`, otherwise scientific (`1.2346e20`); trailing zeros dropped.
    /// 1/3 to 5 digits is "0.33333", 2/3 is "0.66667", 29/2 is "14.5".
    ///
    /// - Precondition: `significantDigits >= 1`.
    public func decimal(significantDigits: Int) -> String {
        precondition(significantDigits >= 1, "decimal: at least one significant digit")
        if isZero { return "0" }
        let rounded = DecimalRounding(self, significantDigits: significantDigits)
        return Self.decimalText(negative: signum < 0, digits: rounded.digits, exponent: Rational(rounded.exponent),
                                significantDigits: significantDigits)
    }

    /// The text of ±0.d₁d₂… × 10^(exponent + 1) in the style of `decimal(significantDigits:)`:
    /// positional for decimal exponents from -5 up to `significantDigits - 1`, otherwise
    /// scientific; trailing zeros dropped. The exponent may exceed `Int` (`BinaryFloat`).
    static func decimalText(negative: Bool, digits allDigits: String, exponent: Rational, significantDigits: Int) -> String {
        var digits = allDigits
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        var body: String
        if let exponent = exponent.exactInt, exponent >= -5, exponent < significantDigits {
            if exponent < 0 {
                body = "0." + String(repeating: "0", count: -exponent - 1) + digits
            } else {
                let padded = digits.count <= exponent ? digits + String(repeating: "0", count: exponent + 1 - digits.count) : digits
                let integerPart = padded.prefix(exponent + 1)
                let fractionPart = padded.dropFirst(exponent + 1)
                body = String(integerPart) + (fractionPart.isEmpty ? "" : "." + fractionPart)
            }
        } else {
            body = String(digits.prefix(1))
            if digits.count > 1 { body += "." + digits.dropFirst() }
            body += "e\(exponent)"
        }
        return (negative ? "-" : "") + body
    }
}

/// The significant digits of |x| rounded to a given count, and the decimal exponent of the
/// first one: |x| ≈ 0.d₁d₂…dₙ × 10^(exponent + 1).
struct DecimalRounding: Equatable {
    let digits: String
    let exponent: Int

    init(_ x: Rational, significantDigits count: Int) {
        let value = x.gmpValue()
        let numerator = value.numerator
        numerator.formAbsoluteValue()
        let denominator = value.denominator
        let upperBound = GMPInteger.powerOfTen(count)
        let lowerBound = GMPInteger.powerOfTen(count - 1)
        // First guess of the exponent from digit counts; it is off by at most one.
        var exponent = numerator.decimalDigitCount - denominator.decimalDigitCount
        while true {
            let (quotient, remainder, divisor) = Self.scaledQuotient(numerator, denominator, shift: count - 1 - exponent)
            if quotient.compare(to: upperBound) >= 0 {
                exponent += 1
                continue
            }
            if quotient.compare(to: lowerBound) < 0 {
                exponent -= 1
                continue
            }
            // Round half away from zero: up when 2·remainder ≥ divisor.
            remainder.multiplyByPowerOfTwo(1)
            if remainder.compare(to: divisor) >= 0 {
                quotient.add(1)
                if quotient.compare(to: upperBound) == 0 {
                    quotient.divideTruncating(by: 10)
                    exponent += 1
                }
            }
            digits = quotient.decimalString
            self.exponent = exponent
            return
        }
    }

    /// floor(n · 10^shift / d) with its remainder and the divisor actually used.
    private static func scaledQuotient(_ n: GMPInteger, _ d: GMPInteger, shift: Int)
        -> (quotient: GMPInteger, remainder: GMPInteger, divisor: GMPInteger) {
        let dividend = n.copy()
        let divisor = d.copy()
        let power = GMPInteger.powerOfTen(abs(shift))
        if shift >= 0 {
            dividend.multiply(by: power)
        } else {
            divisor.multiply(by: power)
        }
        let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        return (quotient, remainder, divisor)
    }
}
