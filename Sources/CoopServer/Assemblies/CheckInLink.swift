import CoopCore
import CoopStore
import Foundation
import Plot
import Vapor

extension SiteURL.Parameter where Value == String {
    /// A member's check-in code for an assembly, as stored (case and dashes do not matter).
    static var checkInCode: Self {
        Self(name: "code", format: { $0 }, parse: { $0.count <= 20 ? CheckInCode.normalise($0) : nil })
    }
}

/// Checking a member in from the QR code on their page: the code is a link to this page, which a
/// steward's phone camera opens; the steward sees whose code it is and checks them in with one
/// press (the same check-in as typing the code at the desk). Only stewards see it.
enum CheckInLink {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.assemblyCheckInLink(.anyValue, .anyValue)) { req in try await show(req) }
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let a = try await AssemblyPages.assembly(req)
        _ = try await req.requireSteward()
        let code = try req.pathParameter(.checkInCode, expecting: t("a check-in code"))
        guard let row = try await AssemblyStore.member(withCode: code, at: try a.requireID(), on: req.db) else {
            throw Abort(.notFound, reason: t("No member of this assembly has the code '%s'. Check it and type it again.", code))
        }
        let who = memberLabel(try await AssemblyStore.labels(of: [row.membershipID], on: req.db)[row.membershipID])
        let c = try await req.layout(t("Check-in at assembly #%s", String(a.number)), forms: true)
        let state: Node<HTML.BodyContext>
        if let presence = row.presence {
            state = .p(
                .class("notice"), .id("check-in-state"),
                .text(
                    presence == .inPerson ? t("%s is already checked in, in person.", who) : t("%s is already checked in, online.", who)))
        } else if a.status != .open {
            state = .p(
                .class("notice"), .id("check-in-state"),
                .text(
                    a.status == .closed
                        ? t("This assembly is over.") : t("Check-in opens when a steward opens the assembly for check-in.")))
        } else {
            state = .form(
                .method(.post), .action(SiteURL.assemblyCheckIn(a.number).path), Layout.csrfField(c.csrf),
                .input(.type(.hidden), .name("code"), .value(code)),
                .p(.id("check-in-state"), .text(t("%s shows this code at the desk.", who))),
                .button(.type(.submit), .text(t("Check in %s, in person", who))))
        }
        return Layout.page(
            c, state, .p(.a(.href(SiteURL.assembly(a.number).path), .text(t("Back to the assembly")))))
    }
}
