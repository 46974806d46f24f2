import CoopCore
import CoopStore
import Fluent
import Plot
import Vapor

/// The public pages: the co-op's home, the member register (counts for the public), the audit log.
enum HomePages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.home, use: home)
        routes.get(.members, use: members)
        routes.get(.audit, use: audit)
    }

    static func home(_ req: Request) async throws -> PageResponse {
        guard let bylaws = try await req.coop.bylaws(on: req.db) else {
            return Layout.page(
                try await req.layout("Not founded yet"),
                .p(.text("This Coop server has no co-op yet. Found one with `coop init DIR` and `coop serve --bylaws FILE`.")))
        }
        let counts = try await MembershipQueries.counts(on: req.db)
        let policies = try await PolicyStore.all(bylaws, on: req.db)
        let head = try await AuditLog.head(on: req.db)
        let key = try await AuditSeal.publicKey(on: req.db)
        let checkpoint = try await AuditSeal.latest(on: req.db)
        let board = try await boardMembers(on: req.db)
        let c = try await req.layout(bylaws.name)
        var isMember = false
        if let user = c.user, let m = try await req.membership(of: user) {
            isMember = m.status != MembershipStatus.withdrawn.rawValue && m.status != MembershipStatus.rejected.rawValue
        }
        return Layout.page(
            c,
            .p(.class("purpose"), .text(bylaws.purpose)),
            .section(
                .h2("Members"),
                .div(
                    .class("cards"),
                    .forEach(bylaws.classes) { cls in
                        .div(
                            .class("card"), .attribute(named: "data-class", value: cls.id),
                            .div(.class("big"), .text(String(counts[cls.id] ?? 0))),
                            .strong(.text(cls.name)),
                            .p(.small(.text("\(cls.sharesRequired) share(s) at \(cls.sharePrice) · admission: \(describe(cls.admission))")))
                        )
                    }),
                .p(
                    .text("\(counts.values.reduce(0, +)) members in all. "),
                    .if(c.user == nil, .a(.href(SiteURL.signup.path), .text("Sign up to join."))),
                    .if(c.user != nil && !isMember, .a(.href(SiteURL.join.path), .text("Apply to join."))),
                    .if(isMember, .a(.href(SiteURL.membership.path), .text("See your membership."))))
            ),
            .section(
                .h2("Policies in force"),
                .p(.text("Set by the members: a policy changes only when a proposal to change it passes.")),
                .table(
                    .attribute(named: "id", value: "policies"),
                    .thead(.tr(.th("Policy"), .th("Value"), .th("Bounds"), .th("What it does"), .th("History"))),
                    .tbody(
                        .forEach(policies) { p in
                            .tr(
                                .attribute(named: "data-policy", value: p.key),
                                .td(.text(p.key)), .td(.strong(.text(p.value))),
                                .td(.text(bounds(p))), .td(.text(p.description)),
                                .td(
                                    .class("history"),
                                    .forEach(p.history) { h in
                                        .div(
                                            .text("\(h.value) since \(Layout.date(h.changedAt)), "),
                                            .unwrap(
                                                h.proposalNumber, { .a(.href(SiteURL.proposal($0).path), .text("by proposal #\($0)")) },
                                                else: .text(h.source)))
                                    }))
                        }))
            ),
            .section(
                .id("board"),
                .h2("Board"),
                board.isEmpty
                    ? .p("No board has been elected yet.")
                    : .ul(.forEach(board) { .li(.text($0)) })
            ),
            .section(
                .h2("Audit log"),
                auditHead(head, key: key, checkpoint: checkpoint),
                .p(.a(.href(SiteURL.audit.path), .text("See the decision log")))
            )
        )
    }

    /// The members holding a board seat now, with their term's end.
    static func boardMembers(on db: any Database) async throws -> [String] {
        var out: [String] = []
        for seat in try await BoardSeatRecord.query(on: db).filter(\.$endedAt == nil).sort(\.$seatedAt).all() {
            guard let m = try await MembershipRecord.find(seat.membershipID, on: db), let u = try await UserRecord.find(m.userID, on: db)
            else { continue }
            out.append("\(u.name) (member #\(m.memberNumber ?? 0)), until \(Layout.date(seat.termEndsAt))")
        }
        return out
    }

    static func bounds(_ p: PolicyView) -> String {
        if !p.options.isEmpty { return "one of " + p.options.joined(separator: ", ") }
        return "\(p.min ?? "–") to \(p.max ?? "–")"
    }

    static func describe(_ rule: AdmissionRule) -> String {
        switch rule {
        case .automatic: "automatic on paid shares"
        case .steward: "a steward decides"
        case .memberVote: "members vote"
        }
    }

    static func auditHead(_ head: AuditEntry?, key: String?, checkpoint: AuditCheckpoint?) -> Node<HTML.BodyContext> {
        guard let head else { return .p(.text("The audit log is empty.")) }
        return .div(
            .class("card"), .id("audit-head"),
            .p(.text("Head of the chain: entry "), .strong(.text(String(head.sequence))), .text(" (\(head.kind))")),
            .p(.class("hash"), .text(head.hash)),
            .p(
                .text("Note it down: "), .code(.text("coop audit verify --anchor \(head.sequence):\(head.hash)")),
                .text(" fails if this entry is ever removed.")),
            .unwrap(key) { key in
                .p(.text("The co-op signs its head with the Ed25519 key "), .code(.class("hash"), .id("audit-key"), .text(key)), .text("."))
            },
            .unwrap(checkpoint) { c in
                .p(
                    .id("audit-checkpoint"),
                    .text("Last signed checkpoint: entry \(c.sequence), "),
                    .a(.href(APIPath.auditCheckpoints.fullPath), .text("all checkpoints")), .text("."))
            })
    }

    static func members(_ req: Request) async throws -> PageResponse {
        let bylaws = try await req.bylaws()
        var isMember = false
        if let user = req.user, let m = try await req.membership(of: user) { isMember = m.status == "admitted" }
        let counts = try await MembershipQueries.counts(on: req.db)
        let c = try await req.layout("Members")
        let countTable: Node<HTML.BodyContext> = .table(
            .id("counts"),
            .thead(.tr(.th("Class"), .th(.class("num"), .text("Members")))),
            .tbody(
                .forEach(bylaws.classes) { cls in
                    .tr(.td(.text(cls.name)), .td(.class("num"), .text(String(counts[cls.id] ?? 0))))
                }))
        guard isMember else {
            return Layout.page(
                c, countTable,
                .p(.class("notice"), .text("The register of names is open to members only; the public sees counts.")))
        }
        let rows = try await MembershipQueries.register(on: req.db)
        return Layout.page(
            c, countTable,
            .h2("Register"),
            .table(
                .id("register"),
                .thead(.tr(.th("No."), .th("Name"), .th("Class"), .th(.class("num"), .text("Shares")), .th("Admitted"), .th("Role"))),
                .tbody(
                    .forEach(rows) { r in
                        .tr(
                            .td(.text(String(r.memberNumber))), .td(.text(r.name)),
                            .td(.text(bylaws.stakeholderClass(r.classID)?.name ?? r.classID)),
                            .td(.class("num"), .text(String(r.shares))),
                            .td(.text(r.admittedAt.map(Layout.date) ?? "")), .td(.text(r.steward ? "steward" : "")))
                    })))
    }

    static func audit(_ req: Request) async throws -> PageResponse {
        let before = req.query[Int64.self, at: "before"]
        let entries = try await AuditLog.recent(limit: 50, before: before, on: req.db)
        let head = try await AuditLog.head(on: req.db)
        let key = try await AuditSeal.publicKey(on: req.db)
        let checkpoint = try await AuditSeal.latest(on: req.db)
        let c = try await req.layout("Audit log")
        return Layout.page(
            c,
            .p(
                .text(
                    "Every decision and every posted transaction, each entry chained to the one before by SHA-256. Anyone can check the chain with `coop audit verify`."
                )),
            auditHead(head, key: key, checkpoint: checkpoint),
            .table(
                .id("audit"),
                .thead(.tr(.th("#"), .th("When"), .th("What"), .th("Details"), .th("Hash"))),
                .tbody(
                    .forEach(entries) { e in
                        .tr(
                            .td(.text(String(e.sequence))),
                            .td(.text(Layout.date(Date(timeIntervalSince1970: Double(e.timestampMillis) / 1000)))),
                            .td(.text(e.kind)), .td(.class("hash"), .text(e.payload)),
                            .td(.class("hash"), .text(String(e.hash.prefix(16)) + "…")))
                    })),
            .unwrap(entries.last.flatMap { $0.sequence > 1 ? $0.sequence : nil }) {
                .p(.a(.href(SiteURL.audit.path + "?before=\($0)"), .text("Older entries")))
            })
    }
}
