import CoopCore
import Foundation

/// How mail goes out, read once at start from `SMTP_URL` and `MAIL_FROM`.
struct MailConfig: Sendable {
    /// The mail server; nil: every message is written as an `.eml` file under ``folder``.
    var smtp: SMTPSettings?
    /// The From header (`MAIL_FROM`), such as `Coop <coop@example.org>`.
    var from = "Coop <coop@localhost>"
    /// Where links in mail point (`--public-url`, else the address served).
    var baseURL = "http://localhost:8080"
    /// The folder `.eml` files go to without a mail server; nil: `mail/` under the data directory.
    var folder: String?
    /// When daily digests are made.
    var digest = DigestSchedule()

    /// Mail into `.eml` files, from `coop@localhost`.
    init() {}

    /// Reads the environment; a bad `SMTP_URL` or `MAIL_FROM` stops the start with the reason.
    init(environment: [String: String], baseURL: String?) throws {
        if let url = environment["SMTP_URL"], !url.isEmpty { smtp = try SMTPSettings.parse(url) }
        if let from = environment["MAIL_FROM"], !from.isEmpty {
            guard MailConfig.address(in: from) != nil, MailHeader.clean(from) == from else {
                throw ConfigurationError("MAIL_FROM must be an address, such as coop@example.org or \"Coop <coop@example.org>\"")
            }
            self.from = from
        }
        if let baseURL { self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL }
    }

    /// The sender's bare address, for `MAIL FROM`.
    var fromAddress: String { MailConfig.address(in: from) ?? "coop@localhost" }

    /// The domain Message-IDs are made in: the sender's.
    var domain: String { fromAddress.split(separator: "@").last.map(String.init) ?? "localhost" }

    /// The bare address in `Name <a@b>` or `a@b`, if it looks like one.
    static func address(in text: String) -> String? {
        var a = text.trimmingCharacters(in: .whitespaces)
        if let open = a.lastIndex(of: "<"), let close = a.lastIndex(of: ">"), open < close {
            a = String(a[a.index(after: open)..<close])
        }
        let parts = a.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            a.allSatisfy({ $0.isASCII && !$0.isWhitespace && !"<>,;\"".contains($0) })
        else { return nil }
        return a
    }
}
