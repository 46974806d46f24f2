import CoopCore
import Foundation
import NIOCore
import Vapor

/// Hands one rendered mail to whatever carries it.
protocol MailTransport: Sendable {
    func deliver(_ message: MailMessage, envelopeFrom: String) async throws
}

/// Without a mail server: each message becomes `<folder>/<Message-ID>.eml`, written atomically
/// and once (a message retried finds its file there and writes nothing).
struct MailFolder: MailTransport {
    let folder: String

    func deliver(_ message: MailMessage, envelopeFrom: String) async throws {
        let path = (folder as NSString).appendingPathComponent(MailMessageID.fileName(message.messageID))
        guard !FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(message.rendered().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Through the SMTP server of `SMTP_URL`.
struct SMTPTransport: MailTransport {
    let settings: SMTPSettings
    let group: any EventLoopGroup
    let heloName: String

    func deliver(_ message: MailMessage, envelopeFrom: String) async throws {
        try await SMTPClient.send(
            from: envelopeFrom, to: message.to, data: message.rendered(), settings: settings, group: group, heloName: heloName)
    }
}

/// Tests put their own transport here (one that fails, say); otherwise the configuration decides.
struct MailTransportKey: StorageKey {
    typealias Value = any MailTransport
}

extension Application {
    /// The transport mail goes by: a test's, the SMTP server's, or the mail folder.
    var mailTransport: any MailTransport {
        if let t = storage[MailTransportKey.self] { return t }
        let mail = coop.config.mail
        if let smtp = mail.smtp { return SMTPTransport(settings: smtp, group: eventLoopGroup, heloName: mail.domain) }
        return MailFolder(folder: mail.folder ?? (coop.config.dataDirectory as NSString).appendingPathComponent("mail"))
    }
}
