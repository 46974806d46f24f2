import CoopCore
import CoopStore
import Foundation
import Vapor

/// The bylaws' schedule of annual general meetings, run by the server's timed work: when no
/// steward has convened the meeting a fiscal period's close requires and the notice period leaves
/// no more time, it is convened here (``AssemblyStore/conveneAnnualIfDue(title:online:on:at:random:)``),
/// online on the co-op's own assemblies page, titled in the co-op's language, and every member is
/// told as for any assembly.
enum AnnualMeetings {
    /// Runs every few seconds: by reads alone it finds that nothing is due (nearly always) and
    /// leaves the write gate to others; only when a meeting is due does it take the gate, and the
    /// transaction asks again before convening (another step or server may have convened it).
    static func step(app: Application) async throws {
        let now = app.coop.config.now()
        guard try await app.coop.bylaws(on: app.db) != nil, try await AssemblyStore.annualMeetingDue(on: app.db, at: now) != nil else {
            return
        }
        let online = app.coop.config.mail.baseURL + SiteURL.assemblies.path
        try await app.coop.write(on: app.db) { db in
            guard let bylaws = try await app.coop.bylaws(on: db) else { return }
            var random = SystemRandomNumberGenerator()
            guard
                let a = try await Lang.with(
                    bylaws.language ?? .en,
                    {
                        try await AssemblyStore.conveneAnnualIfDue(
                            title: { t("Annual general meeting: fiscal period %s", String($0)) }, online: online, on: db, at: now,
                            random: &random)
                    })
            else { return }
            app.logger.notice("annual general meeting convened by the bylaws' schedule", metadata: ["assembly": "\(a.number)"])
        }
    }
}
