import CoopCore
import Foundation
import Testing

@Suite struct NotificationRuleTests {
    private let utc = TimeZone(identifier: "UTC")!

    @Test func mustActKindsDefaultToImmediateAndTheOthersToTheDigest() {
        #expect(NotificationRules.choice(for: .orderToAccept, stored: nil) == .immediate)
        #expect(NotificationRules.choice(for: .jobOffered, stored: nil) == .immediate)
        #expect(NotificationRules.choice(for: .voteClosing, stored: nil) == .immediate)
        #expect(NotificationRules.choice(for: .dividend, stored: nil) == .digest)
        #expect(NotificationRules.choice(for: .dividend, stored: .never) == .never)
        #expect(NotificationRules.choice(for: .orderToAccept, stored: .digest) == .digest)
    }

    @Test func aRequiredKindChangesChannelButIsNeverOff() throws {
        #expect(NotificationKind.votingOpened.isRequired && NotificationKind.result.isRequired)
        #expect(!NotificationKind.message.isRequired)
        #expect(NotificationRules.choice(for: .votingOpened, stored: .never) == .immediate)
        #expect(NotificationRules.choice(for: .result, stored: .digest) == .digest)
        #expect(throws: CoopError.self) { try NotificationRules.check(.never, for: .result) }
        try NotificationRules.check(.digest, for: .result)
        try NotificationRules.check(.never, for: .message)
    }

    @Test func theDigestIsDueAtTheFixedHourEachDay() {
        let s = DigestSchedule(hour: 7, timeZone: utc)
        let before = Date(timeIntervalSince1970: 1_796_019_200)  // 2026-11-30 06:13:20 UTC
        let due = s.lastDue(atOrBefore: before)
        #expect(s.day(of: due) == "2026-11-29")
        #expect(MailHeader.date(due) == "Sun, 29 Nov 2026 07:00:00 +0000")
        let after = before.addingTimeInterval(3600)
        #expect(s.day(of: s.lastDue(atOrBefore: after)) == "2026-11-30")
        #expect(s.lastDue(atOrBefore: s.lastDue(atOrBefore: after)) == s.lastDue(atOrBefore: after))
    }

    @Test func retriesBackOffExponentiallyToACapThenGiveUp() {
        #expect(MailRetry.wait(afterAttempts: 1) == 30)
        #expect(MailRetry.wait(afterAttempts: 2) == 60)
        #expect(MailRetry.wait(afterAttempts: 5) == 480)
        #expect(MailRetry.wait(afterAttempts: 40) == 6 * 3600)
        #expect(!MailRetry.givesUp(afterAttempts: MailRetry.maxAttempts - 1))
        #expect(MailRetry.givesUp(afterAttempts: MailRetry.maxAttempts))
    }

    @Test func theMessageIDIsStableForAnEventAndRecipient() {
        let a = UUID(), b = UUID()
        let id = MailMessageID.make(event: "order:7:placed", recipient: a, domain: "coop.example")
        #expect(id == MailMessageID.make(event: "order:7:placed", recipient: a, domain: "coop.example"))
        #expect(id != MailMessageID.make(event: "order:7:placed", recipient: b, domain: "coop.example"))
        #expect(id != MailMessageID.make(event: "order:8:placed", recipient: a, domain: "coop.example"))
        #expect(id.hasPrefix("<") && id.hasSuffix("@coop.example>") && id.count == 32 + 2 + 13)
        #expect(MailMessageID.make(event: "e", recipient: a, domain: "x\r\nBcc: y>").hasSuffix("@xBccy>"))
        #expect(MailMessageID.fileName("<ab12@coop.example>") == "ab12@coop.example.eml")
    }

    private func mail(subject: String, toName: String = "Ana", body: String = "Hello") -> MailMessage {
        MailMessage(
            from: "Coop <coop@example.org>", to: "ana@example.org", toName: toName, subject: subject, body: body,
            date: Date(timeIntervalSince1970: 0), messageID: "<abc@example.org>", unsubscribeURL: "https://c.example/unsubscribe/T")
    }

    @Test func aMailHasEveryHeaderAndTheOneClickUnsubscribe() {
        let text = mail(subject: "Order #7 to accept").rendered()
        let head = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(head.contains("Subject: Order #7 to accept"))
        #expect(head.contains("To: \"Ana\" <ana@example.org>"))
        #expect(head.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(head.contains("Message-ID: <abc@example.org>"))
        #expect(head.contains("MIME-Version: 1.0"))
        #expect(head.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(head.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(head.contains("List-Unsubscribe: <https://c.example/unsubscribe/T>"))
        #expect(head.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
    }

    @Test func memberWrittenTextCannotAddAHeader() {
        let text = mail(subject: "Hi\r\nBcc: victim@example.org", toName: "Eve\nBcc: x@example.org").rendered()
        let head = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!head.contains { $0.hasPrefix("Bcc:") })
        #expect(head.contains("Subject: HiBcc: victim@example.org"))
        #expect(head.count == 11)
    }

    @Test func aNonASCIISubjectIsEncodedInWordsThatDecodeBack() {
        let subject = "Votación abierta: ¿cambiamos la tarifa de la plataforma al 4 % este año? ✓"
        let text = mail(subject: subject).rendered()
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.allSatisfy { $0.isASCII })
        let line = head.components(separatedBy: "\r\nDate:")[0].components(separatedBy: "Subject: ")[1]
        let words = line.components(separatedBy: "\r\n ")
        #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 })
        let decoded = words.map { w -> Data in
            Data(base64Encoded: String(w.dropFirst("=?UTF-8?B?".count).dropLast(2)))!
        }.reduce(Data(), +)
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
    }

    @Test func theBodyIsQuotedPrintableInShortLinesAndDecodesBack() {
        let body = "Olá Zoë = 1\nA long line " + String(repeating: "é and more words ", count: 20) + "\n. a dot line \n"
        let encoded = QuotedPrintable.encode(body)
        #expect(encoded.allSatisfy { $0.isASCII })
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(QuotedPrintable.decode(encoded) == body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func anUnsubscribeTokenWorksForItsUserAndKindOnly() throws {
        let key = Array("0123456789abcdef0123456789abcdef".utf8)
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let user = UUID()
        let token = UnsubscribeToken(user: user, kind: .message, expires: now.addingTimeInterval(3600))
        let text = token.encoded(key: key)
        #expect(try UnsubscribeToken.verify(text, key: key, now: now) == token)
        // Another key (a forged signature), a changed payload, garbage, and after expiry: refused.
        #expect(throws: CoopError.self) { try UnsubscribeToken.verify(text, key: Array("x".utf8), now: now) }
        let other = UnsubscribeToken(user: UUID(), kind: .message, expires: token.expires).encoded(key: key)
        let spliced = other.split(separator: ".")[0] + "." + text.split(separator: ".")[1]
        #expect(throws: CoopError.self) { try UnsubscribeToken.verify(String(spliced), key: key, now: now) }
        #expect(throws: CoopError.self) { try UnsubscribeToken.verify("not-a-token", key: key, now: now) }
        #expect(throws: CoopError.self) { try UnsubscribeToken.verify("", key: key, now: now) }
        #expect(throws: CoopError.self) {
            try UnsubscribeToken.verify(text, key: key, now: now.addingTimeInterval(3601))
        }
        let all = UnsubscribeToken(user: user, kind: nil, expires: now.addingTimeInterval(60))
        #expect(try UnsubscribeToken.verify(all.encoded(key: key), key: key, now: now).kind == nil)
    }
}
