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
    /// `ExpressibleByIntegerLiteral` and has `init(_:over:)`: `2`, `-3`, `S(29, over: 2)`.
    /// Values beyond `Int` are written as quotients of such values.
    case generic(typeName: String)
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
        case let .generic(typeName):
            switch storage {
            case let .small(numerator, 1): return "\(numerator)"
            case let .small(numerator, denominator): return "\(typeName)(\(numerator), over: \(denominator))"
            case .big: return "(\(Self.genericInteger(numerator, typeName)) / \(Self.genericInteger(denominator, typeName)))"
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

    /// An integer of any size in generic code, from base-10^18 chunks split in balanced halves:
    /// `(high * 10^(18m) + low)`, so that parentheses nest only about 2·log₂(chunks) deep
    /// (swiftc refuses nesting beyond 256) and every operand is an explicit `T(n, over: 1)`
    /// (integer literals mixed into such expressions make swiftc type-check for seconds).
    private static func genericInteger(_ value: Rational, _ typeName: String) -> String {
        if let small = value.exactInt { return "\(typeName)(\(small), over: 1)" }
        let text = value.magnitude.description
        let chunks: [Int] = stride(from: text.count, to: 0, by: -18).map { end in
            Int(text[text.index(text.startIndex, offsetBy: max(0, end - 18))..<text.index(text.startIndex, offsetBy: end)])!
        }.reversed()
        let expression = genericChunks(chunks[...], typeName)
        return value.signum < 0 ? "(-\(expression))" : expression
    }

    /// The integer whose base-10^18 digits are `chunks`, most significant first.
    private static func genericChunks(_ chunks: ArraySlice<Int>, _ typeName: String) -> String {
        if chunks.count == 1 { return "\(typeName)(\(chunks.first!), over: 1)" }
        let middle = chunks.startIndex + chunks.count / 2
        let (high, low) = (chunks[..<middle], chunks[middle...])
        let scaled = "\(genericChunks(high, typeName)) * \(genericPowerOfBase(low.count, typeName))"
        // Leading zero chunks of the low half do not change its value.
        let significantLow = low.drop { $0 == 0 }
        return significantLow.isEmpty ? "(\(scaled))" : "(\(scaled) + \(genericChunks(significantLow, typeName)))"
    }

    /// 10^(18·count), as a balanced product of `T(10^18, over: 1)`.
    private static func genericPowerOfBase(_ count: Int, _ typeName: String) -> String {
        if count == 1 { return "\(typeName)(1_000_000_000_000_000_000, over: 1)" }
        return "(\(genericPowerOfBase(count / 2, typeName)) * \(genericPowerOfBase(count - count / 2, typeName)))"
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
        var digits = rounded.digits
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let exponent = rounded.exponent
        var body: String
        if exponent < -5 || exponent >= significantDigits {
            body = String(digits.prefix(1))
            if digits.count > 1 { body += "." + digits.dropFirst() }
            body += "e\(exponent)"
        } else if exponent < 0 {
            body = "0." + String(repeating: "0", count: -exponent - 1) + digits
        } else {
            let padded = digits.count <= exponent ? digits + String(repeating: "0", count: exponent + 1 - digits.count) : digits
            let integerPart = padded.prefix(exponent + 1)
            let fractionPart = padded.dropFirst(exponent + 1)
            body = String(integerPart) + (fractionPart.isEmpty ? "" : "." + fractionPart)
        }
        return (signum < 0 ? "-" : "") + body
    }
}

/// The significant digits of |x| rounded to a given count, and the decimal exponent of the
/// first one: |x| ≈ 0.d₁d₂…dₙ × 10^(exponent + 1).
private struct DecimalRounding {
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
