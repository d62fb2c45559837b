/// Why a text is not an exact number. Its description names the text and the problem,
/// e.g. `invalid number "1/0": zero denominator`.
public struct RationalParseError: Error, Equatable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid number \(MessageQuoting.quoted(text)): \(reason)" }
}

extension Rational {
    /// The largest decimal exponent accepted in text ("1e100000"); larger ones are an
    /// error rather than an attempt to build an integer of unbounded size.
    public static let maximumDecimalExponent = 100_000

    /// Parses exact text: integers ("-7"), fractions ("3/4", "-6/8"), decimals ("0.25",
    /// ".5") and scientific notation ("-1.5e-3", "2E10"). Nothing passes through `Double`:
    /// "0.1" is exactly 1/10.
    ///
    /// - Throws: `RationalParseError` for anything else, e.g. "1/0", "abc", "1//2", "",
    ///   " 1", "0x10", "1e999999999".
    public init(parsing text: String) throws {
        var parser = RationalParser(text)
        self = try parser.parse()
    }
}

extension Rational: LosslessStringConvertible {
    /// Parses `description`'s syntax (and the others `init(parsing:)` accepts); nil when invalid.
    public init?(_ description: String) {
        guard let value = try? Rational(parsing: description) else { return nil }
        self = value
    }
}

/// A one-pass scanner over the UTF-8 of a number's text.
private struct RationalParser {
    let text: String
    let bytes: [UInt8]
    var index = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parse() throws -> Rational {
        guard let first = bytes.first, let firstCharacter = text.first, let lastCharacter = text.last else {
            throw failure("empty text")
        }
        if firstCharacter.isWhitespace || lastCharacter.isWhitespace { throw failure("leading or trailing whitespace") }
        var negative = false
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index += 1
        }
        let integerDigits = scanDigits()
        if peek(UInt8(ascii: "/")) {
            if integerDigits.isEmpty { throw failure("expected a digit before \"/\" at offset \(index)") }
            index += 1
            let denominatorDigits = scanDigits()
            if denominatorDigits.isEmpty { throw expected("a digit after \"/\"") }
            try expectEnd()
            if denominatorDigits.allSatisfy({ $0 == UInt8(ascii: "0") }) { throw failure("zero denominator") }
            return Self.fraction(integerDigits, denominatorDigits, negative: negative)
        }
        var fractionDigits: ArraySlice<UInt8> = []
        if peek(UInt8(ascii: ".")) {
            index += 1
            fractionDigits = scanDigits()
        }
        if integerDigits.isEmpty && fractionDigits.isEmpty { throw expected("a digit") }
        var exponent = 0
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            exponent = try scanExponent()
        }
        try expectEnd()
        return Self.decimal(integerDigits + fractionDigits, scale: exponent - fractionDigits.count, negative: negative)
    }

    // MARK: Scanning

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private mutating func scanDigits() -> ArraySlice<UInt8> {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return bytes[start..<index]
    }

    private mutating func scanExponent() throws -> Int {
        var negative = false
        if peek(UInt8(ascii: "-")) || peek(UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let digits = scanDigits()
        if digits.isEmpty { throw expected("a digit in the exponent") }
        var value = 0
        for digit in digits {
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
            if value > Rational.maximumDecimalExponent {
                let shown = MessageQuoting.shortened((negative ? "-" : "") + String(decoding: digits, as: UTF8.self))
                throw failure("exponent \(shown) is out of range (at most \(Rational.maximumDecimalExponent) in magnitude)")
            }
        }
        return negative ? -value : value
    }

    private func expectEnd() throws {
        guard index < bytes.count else { return }
        let rest = String(decoding: bytes[index...], as: UTF8.self)
        let character = rest.first.map(String.init) ?? "?"
        throw failure("unexpected \"\(character)\" at offset \(index)")
    }

    private func expected(_ what: String) -> RationalParseError {
        if index < bytes.count {
            let character = String(decoding: bytes[index...], as: UTF8.self).first.map(String.init) ?? "?"
            return failure("expected \(what) at offset \(index), found \"\(character)\"")
        }
        return failure("expected \(what) at offset \(index), found the end of the text")
    }

    private func failure(_ reason: String) -> RationalParseError {
        RationalParseError(text: text, reason: reason)
    }

    // MARK: Building the value

    /// Digits with at most 18 places always fit an `Int`.
    private static func smallInteger(_ digits: ArraySlice<UInt8>) -> Int? {
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        guard significant.count <= 18 else { return nil }
        return significant.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// The signed integer written by `digits`.
    private static func gmpInteger(_ digits: ArraySlice<UInt8>, negative: Bool) -> GMPInteger {
        let value = GMPInteger(decimalDigits: String(decoding: digits, as: UTF8.self))
        if negative { value.negate() }
        return value
    }

    private static func fraction(_ numerator: ArraySlice<UInt8>, _ denominator: ArraySlice<UInt8>, negative: Bool) -> Rational {
        if let n = smallInteger(numerator), let d = smallInteger(denominator) {
            return Rational(negative ? -n : n, d)
        }
        return Rational(normalizing: GMPRational(gmpInteger(numerator, negative: negative), gmpInteger(denominator, negative: false)))
    }

    /// `digits · 10^scale`.
    private static func decimal(_ digits: ArraySlice<UInt8>, scale: Int, negative: Bool) -> Rational {
        if let m = smallInteger(digits), abs(scale) <= 18 {
            let power = (0..<abs(scale)).reduce(1) { product, _ in product * 10 }
            let signed = negative ? -m : m
            if scale < 0 { return Rational(signed, power) }
            let (product, overflow) = signed.multipliedReportingOverflow(by: power)
            if !overflow { return Rational(product) }
        }
        let mantissa = gmpInteger(digits, negative: negative)
        let power = GMPInteger.powerOfTen(abs(scale))
        if scale < 0 { return Rational(normalizing: GMPRational(mantissa, power)) }
        mantissa.multiply(by: power)
        return Rational(normalizing: GMPRational(mantissa, GMPInteger(1)))
    }
}
