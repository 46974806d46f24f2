import CoopCore
import FluentKit
import Foundation

extension Notices {
    /// An assembly was convened: every admitted member is told when, where and what it decides
    /// (a notice the bylaws require, which cannot be turned off).
    public static func assemblyConvened(_ a: AssemblyRecord, agenda: [ProposalRecord], on db: any Database, at now: Date) async throws {
        let event = "assembly:\(try a.requireID().uuidString):convened"
        let place: NoticeText
        switch (a.place.isEmpty, a.online.isEmpty) {
        case (false, false): place = NoticeText("in person at %1$s and online (%2$s)", .text(a.place), .text(a.online))
        case (false, true): place = NoticeText("in person at %s", .text(a.place))
        case (true, false): place = NoticeText("online (%s)", .text(a.online))
        case (true, true): place = .verbatim("")
        }
        let items = agenda.map { NoticeText("- proposal #%1$s: %2$s", .text(String($0.number)), .text($0.title)) }
        let body = NoticeText(
            "%1$s is convened for %2$s, %3$s.\n\nOn the agenda:\n%4$s\n\nYour check-in code is on the assembly's page. If you cannot come, you may give a written proxy to another member there.",
            .text(a.title), .date(a.startsAt), .notice(place), .lines(items))
        let text = NotificationStore.Text(subject: NoticeText("General assembly convened: %s", .text(a.title)), body: body)
        let notices = try await NotificationStore.admittedUsers(on: db).map {
            NotificationStore.Notice(recipient: $0, kind: .assemblyConvened, event: event, text: text, target: .assembly(a.number))
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }
}
