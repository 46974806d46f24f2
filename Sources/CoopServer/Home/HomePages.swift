import CoopCore
import CoopStore
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
                try await req.layout(t("Not founded yet")),
                .p(.text(t("This Coop server has no co-op yet. Found one with `coop init DIR` and `coop serve --bylaws FILE`."))))
        }
        let model = try await HomeShow.load(bylaws: bylaws, viewer: req.user?.id, on: req.db)
        var c = try await req.layout(bylaws.name)
        c.titleLanguage = c.coopLanguage  // the co-op's name, as its bylaws write it
        return HomeShow.View.render(model, layout: c)
    }

    static func bounds(_ p: PolicyView) -> String {
        if !p.options.isEmpty { return t("one of %s", p.options.joined(separator: ", ")) }
        return t("%1$s to %2$s", p.min ?? "–", p.max ?? "–")
    }

    static func describe(_ rule: AdmissionRule) -> String {
        switch rule {
        case .automatic: t("automatic on paid shares")
        case .steward: t("a steward decides")
        case .memberVote: t("members vote")
        }
    }

    static func auditHead(_ head: AuditEntry?, key: String?, checkpoint: AuditCheckpoint?) -> Node<HTML.BodyContext> {
        guard let head else { return .p(.text(t("The audit log is empty."))) }
        return .div(
            .class("card"), .id("audit-head"),
            .p(
                .text(t("Head of the chain: entry ")), .strong(.text(String(head.sequence))), .text(" ("), .code(.text(head.kind)),
                .text(")")),
            .p(.class("hash"), .text(head.hash)),
            .p(
                .text(t("Note it down: ")), .code(.text("coop audit verify --anchor \(head.sequence):\(head.hash)")),
                .text(t(" fails if this entry is ever removed."))),
            .unwrap(key) { key in
                .p(
                    .text(t("The co-op signs its head with the Ed25519 key ")), .code(.class("hash"), .id("audit-key"), .text(key)),
                    .text("."))
            },
            .unwrap(checkpoint) { c in
                .p(
                    .id("audit-checkpoint"),
                    .text(t("Last signed checkpoint: entry %d, ", num(c.sequence))),
                    .a(.href(APIPath.auditCheckpoints.fullPath), .text(t("all checkpoints"))), .text("."))
            })
    }

    static func members(_ req: Request) async throws -> PageResponse {
        let model = try await MemberList.load(bylaws: try await req.bylaws(), viewer: req.user?.id, on: req.db)
        return MemberList.View.render(model, layout: try await req.layout(t("Members")))
    }

    static func audit(_ req: Request) async throws -> PageResponse {
        let model = try await AuditShow.load(before: req.query[Int64.self, at: "before"], on: req.db)
        return AuditShow.View.render(model, layout: try await req.layout(t("Audit log")))
    }
}
