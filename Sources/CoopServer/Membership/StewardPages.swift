import CoopCore
import Plot
import Vapor

/// The steward's queue: payments to confirm and applications to decide. Only what the bylaws
/// give stewards; nothing here touches policies or bylaws.
enum StewardPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.steward, use: queue)
        routes.post(.stewardConfirmPayment(UUID())) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: queue) {
                try await MembershipActions.confirmPayment(req, id: try req.uuidParameter())
                return req.redirect(to: SiteURL.steward.path)
            }
        }
        routes.post(.stewardAdmit(UUID())) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: queue) {
                try await MembershipActions.decide(req, id: try req.uuidParameter(), admit: true)
                return req.redirect(to: SiteURL.steward.path)
            }
        }
        routes.post(.stewardReject(UUID())) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: queue) {
                try await MembershipActions.decide(req, id: try req.uuidParameter(), admit: false)
                return req.redirect(to: SiteURL.steward.path)
            }
        }
    }

    static func queue(_ req: Request) async throws -> PageResponse {
        _ = try await req.requireSteward()
        let bylaws = try await req.bylaws()
        let rows = try await MembershipQueries.queue(bylaws: bylaws, on: req.db)
        let c = try await req.layout("Steward's queue")
        func button(_ url: SiteURL, _ label: String) -> Node<HTML.BodyContext> {
            .form(.class("inline"), .method(.post), .action(url.path), Layout.csrfField(c.csrf), .button(.type(.submit), .text(label)))
        }
        return Layout.page(
            c,
            Layout.error(req.storage[FormErrorKey.self]),
            rows.isEmpty
                ? .p("Nothing waits for a steward.")
                : .table(
                    .id("queue"),
                    .thead(.tr(.th("Applicant"), .th("Class"), .th("Waiting for"), .th("Payment"), .th("Since"), .th("Action"))),
                    .tbody(
                        .forEach(rows) { r in
                            .tr(
                                .attribute(named: "data-applicant", value: r.email),
                                .td(.text("\(r.name) <\(r.email)>")),
                                .td(.text(bylaws.stakeholderClass(r.classID)?.name ?? r.classID)),
                                .td(.text(r.status.replacingOccurrences(of: "_", with: " "))),
                                .td(
                                    .text(
                                        [r.amount, r.method, r.reference].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
                                ),
                                .td(.text(Layout.date(r.since))),
                                .td(
                                    .unwrap(r.paymentID) { button(.stewardConfirmPayment($0), "Confirm payment received") },
                                    .if(
                                        r.status == MembershipStatus.awaitingSteward.rawValue,
                                        .group(
                                            button(.stewardAdmit(r.membershipID), "Admit"), button(.stewardReject(r.membershipID), "Refuse")
                                        )),
                                    .if(r.status == MembershipStatus.awaitingVote.rawValue, .text("waits for a member vote"))))
                        })))
    }
}
