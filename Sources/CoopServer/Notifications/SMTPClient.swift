import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Where and how to reach the mail server, from `SMTP_URL`: `smtp://user:pass@host:port`
/// (STARTTLS when the server offers it) or `smtps://…` (TLS from the start).
struct SMTPSettings: Sendable, Equatable {
    var host: String
    var port: Int
    var implicitTLS: Bool
    var user: String?
    var password: String?

    /// Reads `SMTP_URL`; a bad one stops the start with the reason.
    static func parse(_ text: String) throws -> SMTPSettings {
        guard let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
            let host = c.host, !host.isEmpty
        else {
            throw ConfigurationError("SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
        }
        let implicit = scheme == "smtps"
        let port = c.port ?? (implicit ? 465 : 25)
        guard (1...65535).contains(port) else { throw ConfigurationError("SMTP_URL: the port must be 1..65535") }
        let user = c.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        let password = c.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        if (user == nil) != (password == nil) { throw ConfigurationError("SMTP_URL: give both a user and a password, or neither") }
        return SMTPSettings(host: host, port: port, implicitTLS: implicit, user: user, password: password)
    }

    /// Whether the server is on this machine, where a password may go without TLS.
    var isLoopback: Bool { ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()) }
}

/// Why a mail could not be handed to the mail server.
struct SMTPError: Error, CustomStringConvertible {
    let description: String
    /// The server refused for good (a 5xx reply): trying again will not help.
    var permanent = false
}

/// A small SMTP client (RFC 5321) on SwiftNIO: one connection per mail, EHLO, STARTTLS when
/// offered (or TLS from the start), AUTH PLAIN or LOGIN when the URL has a user, then one
/// message with its dot-stuffed data. Every step has a deadline.
enum SMTPClient {
    /// Connecting may take this long; the whole exchange at most ``exchangeTimeout``.
    static let connectTimeout: TimeAmount = .seconds(10)
    static let exchangeTimeout: TimeAmount = .seconds(60)

    struct Reply: Sendable {
        let code: Int
        let lines: [String]
        var text: String { lines.joined(separator: " / ") }
    }

    /// Sends one message from `from` to `to`.
    static func send(from: String, to: String, data: String, settings: SMTPSettings, group: any EventLoopGroup, heloName: String)
        async throws
    {
        let (stream, continuation) = AsyncThrowingStream<Reply, any Error>.makeStream()
        let tls: NIOSSLContext?
        do {
            tls = try NIOSSLContext(configuration: .makeClientConfiguration())
        } catch { throw SMTPError(description: "TLS could not be set up: \(error)") }
        let host = settings.host
        let bootstrap = ClientBootstrap(group: group).connectTimeout(connectTimeout).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                if settings.implicitTLS, let tls {
                    try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host))
                }
                try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(continuation))
            }
        }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
        } catch {
            throw SMTPError(description: "could not connect to \(settings.host):\(settings.port): \(error)")
        }
        // The whole exchange has a deadline: past it the connection is closed and the step waiting fails.
        let deadline = channel.eventLoop.scheduleTask(in: exchangeTimeout) {
            continuation.finish(throwing: SMTPError(description: "the mail server did not answer in time"))
            channel.close(promise: nil)
        }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        var replies = stream.makeAsyncIterator()
        func next(_ step: String) async throws -> Reply {
            guard let reply = try await replies.next() else {
                throw SMTPError(description: "the mail server closed the connection during \(step)")
            }
            return reply
        }
        // A 5xx answer to this message (its sender, recipient or content) is final; one to the
        // session (greeting, EHLO, AUTH: the configuration) is retried after the backoff.
        let messageSteps: Set<String> = ["MAIL FROM", "RCPT TO", "DATA", "the message"]
        func expect(_ step: String, _ codes: Set<Int>) async throws -> Reply {
            let reply = try await next(step)
            guard codes.contains(reply.code) else {
                throw SMTPError(
                    description: "the mail server answered \(step) with \(reply.code) \(reply.text)",
                    permanent: reply.code >= 500 && messageSteps.contains(step))
            }
            return reply
        }
        func command(_ line: String, _ step: String, _ codes: Set<Int>) async throws -> Reply {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            return try await expect(step, codes)
        }
        _ = try await expect("the greeting", [220])
        var ehlo = try await command("EHLO \(heloName)", "EHLO", [250])
        var secure = settings.implicitTLS
        if !secure, ehlo.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }), let tls {
            _ = try await command("STARTTLS", "STARTTLS", [220])
            do {
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: tls, serverHostname: host), position: .first)
                }.get()
            } catch { throw SMTPError(description: "STARTTLS failed: \(error)") }
            secure = true
            ehlo = try await command("EHLO \(heloName)", "EHLO after STARTTLS", [250])
        }
        if let user = settings.user, let password = settings.password {
            guard secure || settings.isLoopback else {
                throw SMTPError(
                    description:
                        "the mail server offers no TLS; the password is not sent in clear (use smtps:// or a server with STARTTLS)")
            }
            let auth = ehlo.lines.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
            if auth.contains("PLAIN") {
                let token = Data("\u{0}\(user)\u{0}\(password)".utf8).base64EncodedString()
                _ = try await command("AUTH PLAIN \(token)", "AUTH PLAIN", [235])
            } else if auth.contains("LOGIN") {
                _ = try await command("AUTH LOGIN", "AUTH LOGIN", [334])
                _ = try await command(Data(user.utf8).base64EncodedString(), "AUTH LOGIN (user)", [334])
                _ = try await command(Data(password.utf8).base64EncodedString(), "AUTH LOGIN (password)", [235])
            } else {
                throw SMTPError(description: "the mail server offers neither AUTH PLAIN nor AUTH LOGIN")
            }
        }
        _ = try await command("MAIL FROM:<\(from)>", "MAIL FROM", [250])
        _ = try await command("RCPT TO:<\(to)>", "RCPT TO", [250, 251])
        _ = try await command("DATA", "DATA", [354])
        _ = try await command(dotStuffed(data) + "\r\n.", "the message", [250])
        try? await channel.writeAndFlush(ByteBuffer(string: "QUIT\r\n")).get()
    }

    /// The message as SMTP carries it: CRLF line ends, and a dot doubled at the start of a line,
    /// so that no line of it can end the data early.
    static func dotStuffed(_ data: String) -> String {
        data.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
    }
}

/// Splits the server's bytes into replies (a multi-line reply ends at `250 ` after `250-`
/// lines) and hands each to the client.
final class SMTPReplyHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private let continuation: AsyncThrowingStream<SMTPClient.Reply, any Error>.Continuation
    private let state = Mutex<(buffer: [UInt8], lines: [String])>(([], []))

    init(_ continuation: AsyncThrowingStream<SMTPClient.Reply, any Error>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        let read = bytes.readBytes(length: bytes.readableBytes) ?? []
        let replies: [SMTPClient.Reply] = state.withLock { state in
            state.buffer += read
            var out: [SMTPClient.Reply] = []
            while let nl = state.buffer.firstIndex(of: 10) {
                var line = Array(state.buffer[..<nl])
                state.buffer.removeSubrange(...nl)
                if line.last == 13 { line.removeLast() }
                let text = String(decoding: line, as: UTF8.self)
                guard text.count >= 3, let code = Int(text.prefix(3)) else { continue }
                let more = text.count > 3 && text[text.index(text.startIndex, offsetBy: 3)] == "-"
                state.lines.append(String(text.dropFirst(4)))
                if !more {
                    out.append(SMTPClient.Reply(code: code, lines: state.lines))
                    state.lines = []
                }
            }
            // A server that sends a line longer than this without an end is not a mail server.
            if state.buffer.count > 65_536 { state.buffer = [] }
            return out
        }
        for r in replies { continuation.yield(r) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: SMTPError(description: "connection error: \(error)"))
        context.close(promise: nil)
    }
}
