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
                try await req.layout("Not founded yet"),
                .p(.text("This Coop server has no co-op yet. Found one with `coop init DIR` and `coop serve --bylaws FILE`.")))
        }
        let model = try await HomeShow.load(bylaws: bylaws, viewer: req.user?.id, on: req.db)
        return HomeShow.View.render(model, layout: try await req.layout(bylaws.name))
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
        let model = try await MemberList.load(bylaws: try await req.bylaws(), viewer: req.user?.id, on: req.db)
        return MemberList.View.render(model, layout: try await req.layout("Members"))
    }

    static func audit(_ req: Request) async throws -> PageResponse {
        let model = try await AuditShow.load(before: req.query[Int64.self, at: "before"], on: req.db)
        return AuditShow.View.render(model, layout: try await req.layout("Audit log"))
    }
}
