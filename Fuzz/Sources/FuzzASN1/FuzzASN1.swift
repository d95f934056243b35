import FuzzSupport

/// libFuzzer's entry point for the `asn1` target (see Fuzz/README.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Targets.asn1(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
