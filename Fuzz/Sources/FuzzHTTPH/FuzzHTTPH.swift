import FuzzSupport

/// libFuzzer's entry point for the `httph` target (see Fuzz/README.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Targets.httph(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
