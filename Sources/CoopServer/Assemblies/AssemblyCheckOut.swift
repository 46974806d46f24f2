import CoopCore
import CoopStore
import Fluent
import Foundation
import Plot
import Vapor

/// Leaving an assembly: at the desk, a steward or teller checks a member in the room out by their
/// code; online, a member checks themselves out. Either may leave a written proxy with a member who
/// stays. Both ask for a ticked box, as every action that changes who counts does.
extension AssemblyPages {
    static func checkOutAtDesk(_ req: Request, _ a: AssemblyRecord) async throws {
        let (user, m) = try await req.requireMember()
        try await AssemblyStore.requireDesk(m, at: a, on: req.db)
        let typed = try checkInCode(req)
        let holder = try proxyHolder(req)
        try MembershipPages.requireConfirmation(req, t("Tick the box that says the member is leaving."))
        let now = req.now
        try await req.write { db in
            let a = try await fresh(a, on: db)
            // Again in the transaction: a teller who has just left cannot check anyone out.
            try await AssemblyStore.requireDesk(m, at: a, on: db)
            guard let row = try await AssemblyStore.member(withCode: typed, at: try a.requireID(), on: db) else {
                throw CoopError.notFound(t("No member of this assembly has the code '%s'. Check it and type it again.", typed))
            }
            let to = try await holderID(holder, on: db)
            try await AssemblyStore.checkOut(row.membershipID, from: a, through: .inPerson, proxyTo: to, by: user.id, on: db, at: now)
        }
    }

    static func checkOutOnline(_ req: Request, _ a: AssemblyRecord) async throws {
        let (user, m) = try await req.requireMember()
        let mid = try m.requireID()
        let holder = try proxyHolder(req)
        try MembershipPages.requireConfirmation(req, t("Tick the box that says you are leaving the assembly."))
        let now = req.now
        try await req.write { db in
            let to = try await holderID(holder, on: db)
            try await AssemblyStore.checkOut(
                mid, from: try await fresh(a, on: db), through: .online, proxyTo: to, by: user.id, on: db, at: now)
        }
    }

    /// The member number a check-out form names to hold the leaving member's proxy; nil if blank.
    static func proxyHolder(_ req: Request) throws -> Int? {
        struct Input: Content { let holder: String? }
        let typed = (try req.content.decode(Input.self).holder ?? "").trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return nil }
        guard typed.count <= 12, let n = Int(typed.replacingOccurrences(of: "#", with: "")), n > 0 else {
            throw Abort(.badRequest, reason: t("Give the member number of the member who will hold the proxy, or leave it blank."))
        }
        return n
    }

    static func holderID(_ number: Int?, on db: any Database) async throws -> UUID? {
        guard let number else { return nil }
        guard let holder = try await AssemblyStore.membership(number: number, on: db), let id = holder.id, holder.status == .admitted else {
            throw CoopError.invalid(t("There is no member #%s with a vote: a proxy goes to another member.", String(number)))
        }
        return id
    }
}

extension AssemblyShow.View {
    /// Who has left, under the attendance: how many for everyone, and who and when for stewards.
    static func departures(_ m: AssemblyShow.Model) -> Node<HTML.BodyContext> {
        .if(
            m.leftCount > 0,
            .div(
                .id("departures"),
                .p(
                    .text(
                        tn("%d member has left and is no longer counted.", "%d members have left and are no longer counted.", m.leftCount))),
                .if(
                    !m.departed.isEmpty,
                    .ul(
                        .id("departed"),
                        .forEach(m.departed) { d in .li(.text(t("%1$s left at %2$s.", d.name, Layout.date(d.at)))) }))))
    }

    /// The viewer's own departure: the button to leave online, or where to leave in the room, or
    /// that they have left.
    static func checkOut(_ mine: AssemblyShow.Model.Mine, _ m: AssemblyShow.Model, _ c: Layout.Context) -> Node<HTML.BodyContext> {
        let holding =
            mine.holding.isEmpty
            ? "" : " " + t("The proxies you hold leave with you: %s will no longer be represented.", mine.holding.joined(separator: ", "))
        return .group(
            .unwrap(mine.leftAt) { at in
                .p(.id("my-departure"), .text(t("You left the assembly at %s. If you come back, check in again.", Layout.date(at))))
            },
            .if(
                m.status == .open && mine.presence == .inPerson,
                .p(.class("hint"), .text(t("Leaving the room? Check out at the desk: a steward or teller types your code.")))),
            .if(
                m.status == .open && mine.presence == .online,
                Layout.confirmForm(
                    .assemblyCheckOutOnline(m.number), csrf: c.csrf, id: "leave", action: t("Leave the assembly"),
                    consequence: t(
                        "Yes, I am leaving: I am not counted for items opened from now on, and I no longer vote in the meeting unless I check in again."
                    ) + holding,
                    fields: mine.holding.isEmpty
                        ? Layout.field(
                            t("Leave your proxy with a member who stays: their member number (blank for none)"), name: "holder",
                            type: .number, required: false, id: "leave-holder")
                        : .empty)))
    }

    /// The desk's form to check a member in the room out by their code.
    static func deskCheckOut(_ m: AssemblyShow.Model, _ c: Layout.Context) -> Node<HTML.BodyContext> {
        .if(
            m.status == .open,
            Layout.confirmForm(
                .assemblyCheckOut(m.number), csrf: c.csrf, id: "check-out", action: t("Check a member out"),
                consequence: t(
                    "Yes, this member is leaving: they are not counted for items opened from now on. The proxies they hold leave with them, so their givers are no longer represented."
                ),
                fields: .group(
                    Layout.field(t("Check-in code of the member leaving"), name: "code", id: "check-out-code"),
                    Layout.field(
                        t("Member number of a member who stays and will hold their proxy (blank for none)"), name: "holder",
                        type: .number, required: false, id: "check-out-holder"))))
    }

    /// The desk for a teller who is not a steward.
    static func tellerDesk(_ m: AssemblyShow.Model, _ c: Layout.Context) -> Node<HTML.BodyContext> {
        .if(
            m.isTeller && !m.isSteward && m.status == .open,
            .section(.class("card"), .h2(.text(t("At the desk"))), deskCheckOut(m, c)))
    }
}
