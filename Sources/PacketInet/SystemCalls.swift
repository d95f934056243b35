#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library calls that PacketInet makes from inside members of the same name, where an
/// unqualified call would name the member: one spelling for Glibc, Musl and Darwin.
enum SystemCalls {
    static func getifaddrs(_ list: UnsafeMutablePointer<UnsafeMutablePointer<ifaddrs>?>) -> Int32 {
        #if canImport(Glibc)
        Glibc.getifaddrs(list)
        #elseif canImport(Musl)
        Musl.getifaddrs(list)
        #elseif canImport(Darwin)
        Darwin.getifaddrs(list)
        #endif
    }

    static func gethostname(_ name: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32 {
        #if canImport(Glibc)
        Glibc.gethostname(name, length)
        #elseif canImport(Musl)
        Musl.gethostname(name, length)
        #elseif canImport(Darwin)
        Darwin.gethostname(name, length)
        #endif
    }
}
