import Exact
import FuzzDriver

/// One input: any bytes are candidate number text. Parsing must either give a rational or
/// throw `RationalParseError`; a trap or a crash is a finding. A parsed value's description
/// must parse back to the same value.
func fuzzRationalParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let value = try? Rational(parsing: text) else { return 0 }
    guard let again = try? Rational(parsing: value.description), again == value else {
        fatalError("\(value.description) does not parse back to itself")
    }
    return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzRationalParser_main")
func fuzzRationalParserMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { fuzzRationalParser($0, $1) }
}
