import FuzzDriver
import NetworkModel

/// One input: any bytes are a candidate spec. Reading must either give a spec or throw
/// `SpecError`; a trap or a crash is a finding. A spec that is read is also written back and
/// read again, which must give the same spec.
func fuzzSpecReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let spec = try? NetworkSpec(json: text) else { return 0 }
    guard let again = try? NetworkSpec(json: spec.jsonText), again == spec else {
        fatalError("a spec read from text does not survive writing and reading again")
    }
    return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzSpecReader_main")
func fuzzSpecReaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { fuzzSpecReader($0, $1) }
}
