import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `coop serve` on a port another program holds: a one-line reason and a non-zero exit, in the
/// user's language, and no crash (its timed work stops before the application shuts down).
@Suite struct ServeStopTests {
    /// A listening socket on a free loopback port, and that port.
    static func occupiedPort() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        try #require(bound == 0 && listen(fd, 1) == 0)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) } }
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }

    @Test func aPortInUseIsAOneLineRefusalNotACrash() throws {
        let (fd, port) = try Self.occupiedPort()
        defer { close(fd) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coop-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (env, words) in [(["LANG": "C"], "is already in use"), (["LANG": "es_ES.UTF-8"], "ya está en uso")] {
            let run = try CLIRun.coop(
                ["serve", "--demo", "--data-dir", dir.path, "--host", "127.0.0.1", "--port", String(port)], environment: env)
            #expect(run.status != 0)
            #expect(run.err.contains("127.0.0.1:\(port) \(words)"), "\(run.err.suffix(2000))")
            #expect(!run.err.contains("Backtracing") && !run.err.contains("Fatal error") && !run.err.contains("Swift runtime failure"))
        }
    }
}
