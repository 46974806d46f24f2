import Crypto
import Foundation

/// One e-mail as Coop sends it: plain text in UTF-8, with a stable Message-ID and a one-click
/// unsubscribe link (RFC 8058). Rendered to RFC 5322 text by ``rendered()``.
public struct MailMessage: Sendable, Equatable {
    /// The sender's address (`MAIL_FROM`).
    public var from: String
    /// The recipient's address.
    public var to: String
    /// The recipient's name, shown in the To header; may be empty.
    public var toName: String
    /// The subject, which may hold member-written text.
    public var subject: String
    /// The body, plain text.
    public var body: String
    /// When the mail was made: the same on every retry.
    public var date: Date
    /// The Message-ID, with its angle brackets (``MailMessageID/make(event:recipient:domain:)``).
    public var messageID: String
    /// The one-click unsubscribe address (`https://…/unsubscribe/TOKEN`).
    public var unsubscribeURL: String

    /// A mail with every header it needs.
    public init(
        from: String, to: String, toName: String, subject: String, body: String, date: Date, messageID: String,
        unsubscribeURL: String
    ) {
        self.from = from
        self.to = to
        self.toName = toName
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
        self.unsubscribeURL = unsubscribeURL
    }

    /// The mail as RFC 5322 text with CRLF line ends: headers, a blank line, the body in
    /// quoted-printable. Nothing a member wrote can add a header: every header value has its
    /// line breaks and other control characters removed first.
    public func rendered() -> String {
        var lines: [String] = []
        lines.append("From: \(MailHeader.clean(from))")
        lines.append("To: \(MailHeader.address(name: toName, address: to))")
        lines.append("Subject: \(MailHeader.encodedWords(MailHeader.clean(subject)))")
        lines.append("Date: \(MailHeader.date(date))")
        lines.append("Message-ID: \(MailHeader.clean(messageID))")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines.append("List-Unsubscribe: <\(MailHeader.clean(unsubscribeURL))>")
        lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        lines.append("Auto-Submitted: auto-generated")
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(body)
    }
}

/// Stable Message-IDs: the same event and recipient always give the same one, so a mail retried
/// or made twice is one message to the receiving side, and the outbox can hold it once.
public enum MailMessageID {
    /// `<32 hex digits@domain>` from the SHA-256 of the event's key and the recipient.
    public static func make(event: String, recipient: UUID, domain: String) -> String {
        header(key: key(event: event, recipient: recipient), domain: domain)
    }

    /// The Message-ID's stable part, kept in the outbox (unique): 32 hex digits of the SHA-256 of
    /// the event's key and the recipient.
    public static func key(event: String, recipient: UUID) -> String {
        let digest = SHA256.hash(data: Data("\(event)\n\(recipient.uuidString.lowercased())".utf8))
        return Hex.encode(Array(digest.prefix(16)))
    }

    /// The header value for a stored key: `<key@domain>`, the domain reduced to host characters.
    public static func header(key: String, domain: String) -> String {
        "<\(key)@\(MailHeader.clean(domain).filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })>"
    }

    /// The file name a Message-ID is saved under: its letters, digits, dots, dashes and `@`.
    public static func fileName(_ messageID: String) -> String {
        String(messageID.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "@") }) + ".eml"
    }
}

/// How header values are written safely.
public enum MailHeader {
    /// The value with every control character (CR and LF above all) removed: what a member wrote
    /// cannot start a header of its own.
    public static func clean(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { !($0.value < 0x20 || $0.value == 0x7F) }))
    }

    /// ASCII text as it is; otherwise RFC 2047 encoded words (`=?UTF-8?B?…?=`), each at most 75
    /// characters and never splitting a character.
    public static func encodedWords(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy({ $0.isASCII }) else { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in text {
            let bytes = Array(String(ch).utf8)
            // 45 bytes of text make 60 of base64: with `=?UTF-8?B?` and `?=`, 72 characters.
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Name <address>`: the name quoted (or encoded), the address cleaned.
    public static func address(name: String, address: String) -> String {
        let addr = clean(address).filter { $0 != "<" && $0 != ">" && $0 != "," && $0 != " " }
        let n = clean(name)
        guard !n.isEmpty else { return "<\(addr)>" }
        if n.unicodeScalars.allSatisfy({ $0.isASCII }) {
            let quoted = n.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(addr)>"
        }
        return "\(encodedWords(n)) <\(addr)>"
    }

    /// The date as RFC 5322 writes it, in UTC: `Mon, 30 Nov 2026 07:00:00 +0000`.
    public static func date(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: d)
    }
}

/// Quoted-printable (RFC 2045): lines of at most 76 characters, CRLF line ends, `=` and
/// non-ASCII bytes written as `=XX`.
public enum QuotedPrintable {
    /// The text encoded, its line ends made CRLF.
    public static func encode(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).map { encodeLine(Substring($0)) }
            .joined(separator: "\r\n")
    }

    private static func encodeLine(_ line: Substring) -> String {
        let bytes = Array(line.utf8)
        var out = ""
        var width = 0
        for (i, b) in bytes.enumerated() {
            let last = i == bytes.count - 1
            let piece: String
            if (b == 0x20 || b == 0x09) && last {
                piece = String(format: "=%02X", b)
            } else if (b >= 33 && b <= 126 && b != 61) || b == 0x20 || b == 0x09 {
                piece = String(UnicodeScalar(b))
            } else {
                piece = String(format: "=%02X", b)
            }
            // A soft line break (`=` at the end) keeps each line within 76 characters.
            if width + piece.count > (last ? 76 : 75) {
                out += "=\r\n"
                width = 0
            }
            out += piece
            width += piece.count
        }
        return out
    }

    /// Decodes quoted-printable text (for tests and the `.eml` reader).
    public static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        let raw = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var i = 0
        while i < raw.count {
            if raw[i] == 61, i + 2 < raw.count, let v = UInt8(String(decoding: raw[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(raw[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
