import CoopCore
import FluentKit
import Foundation

extension Notices {
    /// An assembly was convened: every admitted member is told when, where and what it decides
    /// (a notice the bylaws require, which cannot be turned off).
    public static func assemblyConvened(_ a: AssemblyRecord, agenda: [ProposalRecord], on db: any Database, at now: Date) async throws {
        let event = "assembly:\(try a.requireID().uuidString):convened"
        var whereText: [String] = []
        if !a.place.isEmpty { whereText.append("in person at \(a.place)") }
        if !a.online.isEmpty { whereText.append("online (\(a.online))") }
        let items = agenda.map { "- proposal #\($0.number): \($0.title)" }.joined(separator: "\n")
        let body =
            "\(a.title) is convened for \(when(a.startsAt)), \(whereText.joined(separator: " and ")).\n\nOn the agenda:\n\(items)\n\n"
            + "Your check-in code is on the assembly's page. If you cannot come, you may give a written proxy to another member there."
        let notices = try await NotificationStore.admittedUsers(on: db).map {
            NotificationStore.Notice(
                recipient: $0, kind: .assemblyConvened, event: event, subject: "General assembly convened: \(a.title)", body: body,
                target: .assembly(a.number))
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }
}
