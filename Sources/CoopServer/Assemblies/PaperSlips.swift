import CoopCore
import CoopStore
import Foundation
import Plot
import Vapor

/// Printing an agenda item's paper ballot slips. A secret item's slips each carry a new receipt
/// code, on the ballot (the tellers type it with the ballot) and on a stub the member tears off and
/// keeps: after the vote closes, the code finds their ballot on the bulletin board, as an online
/// receipt does. The codes are shown on this one page, once (the store keeps only their hashes),
/// and the slips are drawn from a pile, so nobody learns whose slip carries which code. An open
/// item's slips carry no code but a box for the member's number: its ballots are named.
enum PaperSlips {
    static func register(_ routes: any RoutesBuilder) {
        routes.post(SiteURL.assemblySlips) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await AssemblyPages.show($0) }) {
                try await print(req).encodeResponse(for: req)
            }
        }
    }

    /// How many slips a form asks for.
    static func count(_ req: Request) throws -> Int {
        struct Input: Content { let count: String? }
        let typed = (try req.content.decode(Input.self).count ?? "").trimmingCharacters(in: .whitespaces)
        guard typed.count <= 6, let n = Int(typed), (1...AssemblyStore.slipsPerPrint).contains(n) else {
            throw Abort(.badRequest, reason: t("Say how many slips to print: 1 to %s.", num(AssemblyStore.slipsPerPrint)))
        }
        return n
    }

    static func print(_ req: Request) async throws -> PageResponse {
        let a = try await AssemblyPages.assembly(req)
        let (_, m) = try await req.requireMember()
        let me = try m.requireID()
        let steward = m.steward && m.status == .admitted
        let number = try AssemblyPages.proposalNumber(req)
        let count = try count(req)
        let bylaws = try await req.bylaws()
        let now = req.now
        let printed = try await req.write { db -> Sheet in
            let a = try await AssemblyPages.fresh(a, on: db)
            guard let p = try await ProposalQueries.proposal(number: number, on: db) else {
                throw CoopError.notFound(t("Proposal #%s is not on this assembly's agenda.", String(number)))
            }
            let frozen = try p.rules.map { try StoredJSON.decode(FrozenRules.self, $0) }
            let planned = frozen == nil ? try await Governance.ballot(p, bylaws: bylaws, on: db) : nil
            let secret = frozen?.rules.secret ?? planned?.rules.secret ?? true
            let (_, codes) = try await AssemblyStore.printSlips(
                number: number, count: count, secret: secret, at: a, by: me, steward: steward, on: db, at: now)
            return Sheet(
                assembly: a.number, assemblyTitle: a.title, proposal: p.number, title: p.title,
                method: frozen?.rules.method ?? planned?.rules.method ?? .majority,
                options: frozen?.options ?? planned?.options ?? [], seats: frozen?.seats ?? planned?.seats ?? 1,
                maxScore: frozen?.maxScore ?? 5, secret: secret,
                codes: secret ? codes : Array(repeating: "", count: count))
        }
        var c = try await req.layout(t("Paper ballots: proposal #%s", String(number)))
        c.titleLanguage = c.coopLanguage
        return render(printed, layout: c, bulletin: req.application.coop.config.mail.baseURL + SiteURL.proposalBulletin(number).path)
    }

    /// The slips to print.
    struct Sheet {
        let assembly: Int
        let assemblyTitle: String
        let proposal: Int
        let title: String
        let method: VotingMethod
        let options: [String]
        let seats: Int
        let maxScore: Int64
        let secret: Bool
        /// One per slip: its receipt code (empty on an open item's slips).
        let codes: [String]
    }

    static func render(_ s: Sheet, layout c: Layout.Context, bulletin: String) -> PageResponse {
        Layout.page(
            c,
            .div(
                .class("notice no-print"), .attribute(named: "role", value: "status"),
                .p(
                    .text(
                        s.secret
                            ? tn(
                                "%d slip, each with its own receipt code. Print this page now: the codes are shown only once, and are kept only as their hashes. Cut the slips apart, shuffle them, and hand them out from the pile.",
                                "%d slips, each with its own receipt code. Print this page now: the codes are shown only once, and are kept only as their hashes. Cut the slips apart, shuffle them, and hand them out from the pile.",
                                s.codes.count)
                            : tn(
                                "%d slip for an open vote: each voter writes their member number on it, and their ballot is recorded in their name.",
                                "%d slips for an open vote: each voter writes their member number on it, and their ballot is recorded in their name.",
                                s.codes.count))),
                .p(.a(.href(SiteURL.assembly(s.assembly).path), .text(t("Back to the assembly"))))),
            .ol(
                .class("slips"),
                .forEach(Array(s.codes.enumerated())) { index, code in
                    .li(
                        .class("slip"), .attribute(named: "aria-label", value: t("Slip %s", num(index + 1))),
                        slip(s, code: code, bulletin: bulletin))
                }))
    }

    static func slip(_ s: Sheet, code: String, bulletin: String) -> Node<HTML.BodyContext> {
        .group(
            .p(.small(.text(t("General assembly #%1$s: %2$s", String(s.assembly), s.assemblyTitle)))),
            .h2(.text(t("Proposal #%1$s: %2$s", String(s.proposal), s.title))),
            .p(.text(instructions(s))),
            .ul(
                .class("slip-options"),
                .forEach(s.options) { option in
                    .li(.span(.class("slip-box"), .attribute(named: "aria-hidden", value: "true")), label(option, s))
                }),
            s.secret
                ? .group(
                    .p(.text(t("Receipt code: ")), .span(.class("slip-code"), .attribute(named: "translate", value: "no"), .text(code))),
                    .div(
                        .class("slip-stub"),
                        .p(
                            .strong(.text(t("Tear off and keep: "))),
                            .span(.class("slip-code"), .attribute(named: "translate", value: "no"), .text(code))),
                        .p(
                            .small(
                                .text(
                                    t(
                                        "When the vote on proposal #%1$s closes, find your ballot with this code on its bulletin board: %2$s",
                                        String(s.proposal), bulletin))))))
                : .p(
                    .text(t("Your member number: ")), .span(.class("slip-box"), .attribute(named: "aria-hidden", value: "true")),
                    .span(.class("slip-box"), .attribute(named: "aria-hidden", value: "true")),
                    .span(.class("slip-box"), .attribute(named: "aria-hidden", value: "true"))))
    }

    /// How the slip is marked, by method.
    static func instructions(_ s: Sheet) -> String {
        switch s.method {
        case .majority: t("Mark one box.")
        case .approval: t("Mark every option you approve of.")
        case .score: t("Give each option a score from 0 to %s; an option left blank scores 0.", String(s.maxScore))
        case .irv, .schulze: t("Number the options in your order of preference: 1 for your first choice, 2 for your second, and so on.")
        case .stv:
            t("Number the candidates in your order of preference: 1 for your first choice, 2 for your second, and so on.") + " "
                + tn("%d seat to fill.", "%d seats to fill.", s.seats)
        }
    }

    /// An option as the slip prints it: a majority choice in the page's language with the word
    /// the tellers type beside it when they differ (marked as English, not to translate); any
    /// other option as it stands, in the words it was proposed in.
    static func label(_ option: String, _ s: Sheet) -> Node<HTML.BodyContext> {
        guard s.method == .majority else { return .element(named: "bdi", nodes: [.text(option)]) }
        let shown = ProposalShow.View.choiceLabel(option)
        guard shown != option else { return .text(shown) }
        return .group(
            .text(shown + " ("), .span(.attribute(named: "lang", value: "en"), .attribute(named: "translate", value: "no"), .text(option)),
            .text(")"))
    }
}
