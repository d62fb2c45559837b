import Foundation
import Testing
import Exact

@Suite("Parsing exact text")
struct ParsingTests {
    @Test(arguments: [
        ("3", Rational(3)), ("-7", Rational(-7)), ("3/4", Rational(3, 4)), ("-6/8", Rational(-3, 4)),
        ("0.25", Rational(1, 4)), ("-1.5e-3", Rational(-3, 2000)), ("2E10", Rational(20_000_000_000)),
        ("+5", Rational(5)), (".5", Rational(1, 2)), ("5.", Rational(5)), ("007", Rational(7)),
        ("1e+2", Rational(100)), ("0.000", Rational(0)), ("-0", Rational(0)),
    ])
    func parsesExactly(text: String, expected: Rational) throws {
        #expect(try Rational(parsing: text) == expected)
    }

    @Test func decimalsAreExact() throws {
        let sum = try Rational(parsing: "0.1") + Rational(parsing: "0.2")
        #expect(sum == Rational(3, 10))
        #expect(sum.description == "3/10")
    }

    @Test func largeValues() throws {
        let text = "123456789012345678901234567890/987654321098765432109876543210"
        let value = try Rational(parsing: text)
        #expect(value.description == "13717421/109739369")
        let huge = try Rational(parsing: "-1.5e40")
        #expect(huge.description == "-15" + String(repeating: "0", count: 39))
        #expect(try Rational(parsing: "1e-30") * Rational(parsing: "1e30") == 1)
        #expect(try Rational(parsing: "1e100000").isHeldInGMP)
    }

    @Test(arguments: [
        ("1/0", "zero denominator"),
        ("abc", "expected a digit at offset 0, found \"a\""),
        ("1//2", "expected a digit after \"/\" at offset 2, found \"/\""),
        ("", "empty text"),
        (" 1", "leading or trailing whitespace"),
        ("1 ", "leading or trailing whitespace"),
        ("0x10", "unexpected \"x\" at offset 1"),
        ("1e999999999", "exponent 999999999 is out of range (at most 100000 in magnitude)"),
        ("1e", "expected a digit in the exponent at offset 2, found the end of the text"),
        ("-", "expected a digit at offset 1, found the end of the text"),
        ("/2", "expected a digit before \"/\" at offset 0"),
        ("1/2/3", "unexpected \"/\" at offset 3"),
        ("1.5/2", "unexpected \"/\" at offset 3"),
        ("3/-4", "expected a digit after \"/\" at offset 2, found \"-\""),
        ("1.2.3", "unexpected \".\" at offset 3"),
        ("½", "expected a digit at offset 0, found \"½\""),
        ("nan", "expected a digit at offset 0, found \"n\""),
    ])
    func rejectsWithReason(text: String, reason: String) {
        #expect(throws: RationalParseError(text: text, reason: reason)) {
            try Rational(parsing: text)
        }
        #expect(Rational(text) == nil)
    }

    @Test func errorMessageNamesTheText() {
        let error = RationalParseError(text: "1/0", reason: "zero denominator")
        #expect(error.description == "invalid number \"1/0\": zero denominator")
    }

    @Test func losslessStringRoundTrip() {
        for value in [Rational(29, 2), Rational(-3), Rational(2).power(90) / 3, Rational(0)] {
            #expect(Rational(value.description) == value)
        }
    }

    @Test func codableAsString() throws {
        let values = [Rational(29, 2), Rational(-1, 3), Rational(2).power(70)]
        let data = try JSONEncoder().encode(values)
        #expect(String(decoding: data, as: UTF8.self) == #"["29\/2","-1\/3","1180591620717411303424"]"#)
        #expect(try JSONDecoder().decode([Rational].self, from: data) == values)
        #expect(try JSONDecoder().decode([Rational].self, from: Data(#"["0.1"]"#.utf8)) == [Rational(1, 10)])
    }

    @Test func codableRejectsBadText() {
        do {
            _ = try JSONDecoder().decode([Rational].self, from: Data(#"["1/0"]"#.utf8))
            Issue.record("decoding \"1/0\" should fail")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == "invalid number \"1/0\": zero denominator")
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Rational].self, from: Data("[0.1]".utf8))
        }
    }
}
