import CoopCore
import CoopStore

/// The words of notifications in the language of the page or mail being written (``Lang``).
extension NotificationPages {
    /// A kind's name in settings, mail and the list.
    static func label(_ kind: NotificationKind) -> String {
        switch kind {
        case .orderToAccept: t("An order to accept")
        case .jobOffered: t("A job offered to you")
        case .message: t("A message on an order")
        case .paymentConfirmed: t("A payment confirmed")
        case .votingOpened: t("Voting opened on a proposal")
        case .voteClosing: t("A vote closing within 24 hours that you have not voted in")
        case .result: t("The result of a vote")
        case .dividend: t("A dividend posted to you")
        case .assemblyConvened: t("A general assembly convened")
        }
    }

    /// A mail choice's name in settings.
    static func label(_ choice: MailChoice) -> String {
        switch choice {
        case .immediate: t("At once")
        case .digest: t("Daily digest")
        case .never: t("Never")
        }
    }

    /// A digest's day (`2026-11-30`, as stored) by the language's rules; English keeps it as stored.
    static func digestDay(_ stored: String) -> String {
        let parts = stored.split(separator: "-").compactMap { Int($0) }
        guard Lang.current != .en, Lang.current != .qps, parts.count == 3 else { return stored }
        return Lang.format.day(year: parts[0], month: parts[1], day: parts[2])
    }
}

extension NotificationStore.Item {
    /// The subject in the reader's language (as stored, for notifications made before their words
    /// were kept as messages).
    var localSubject: String { message.map { String($0.subject.render(Lang.catalog).prefix(200)) } ?? subject }
    /// The body in the reader's language.
    var localBody: String { message.map { String($0.body.render(Lang.catalog).prefix(4_000)) } ?? body }
}
