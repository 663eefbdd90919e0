import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Loopback sockets for the test servers.
enum Loopback {
    /// An IPv4 address on 127.0.0.1 (`port` 0: the kernel picks a free one).
    static func address(port: UInt16 = 0) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(port.bigEndian)
        return address
    }

    /// Binds `fd` to 127.0.0.1 on a free port: the port, or `nil` when the bind failed.
    static func bindFreePort(_ fd: Int32) -> UInt16? {
        var address = address()
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, size) } }
        guard bound == 0 else { return nil }
        var chosen = sockaddr_in()
        _ = withUnsafeMutablePointer(to: &chosen) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) } }
        return UInt16(bigEndian: chosen.sin_port)
    }
}
