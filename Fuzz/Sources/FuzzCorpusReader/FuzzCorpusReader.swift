import FuzzSupport

/// libFuzzer's entry point for the `corpus_reader` target (see Fuzz/README.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Targets.corpusReader(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
