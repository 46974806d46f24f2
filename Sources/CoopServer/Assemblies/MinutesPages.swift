import CoopCore
import CoopStore
import Fluent
import Foundation
import Plot
import Vapor

/// An assembly's minutes: the text as it stands, every version with who signed it, the chair's
/// signing with additions, the second officer's countersignature (which seals the version), and
/// each sealed file for download.
enum MinutesPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.assemblyMinutes) { req in try await show(req) }
        routes.post(SiteURL.assemblyMinutes) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                let (user, m) = try await req.requireSteward()
                let a = try await AssemblyPages.assembly(req)
                struct Input: Content { let additions: String? }
                let additions = try req.content.decode(Input.self).additions ?? ""
                guard additions.count <= Minutes.maxAdditions else {
                    throw Abort(.payloadTooLarge, reason: t("The chair's additions are at most %s characters.", num(Minutes.maxAdditions)))
                }
                let now = req.now
                try await req.write { db in
                    _ = try await AssemblyStore.signMinutes(
                        try await AssemblyPages.fresh(a, on: db), additions: additions, by: user.id, as: m, on: db, at: now)
                }
                return req.redirect(to: SiteURL.assemblyMinutes(a.number).path)
            }
        }
        routes.post(SiteURL.assemblyMinutesCountersign) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                let (user, m) = try await req.requireSteward()
                let a = try await AssemblyPages.assembly(req)
                struct Input: Content { let version: Int? }
                guard let version = try req.content.decode(Input.self).version else {
                    throw Abort(.badRequest, reason: t("Say which version of the minutes you countersign."))
                }
                let now = req.now
                try await req.write { db in
                    _ = try await AssemblyStore.countersignMinutes(
                        try await AssemblyPages.fresh(a, on: db), version: version, by: user.id, as: m, on: db, at: now)
                }
                return req.redirect(to: SiteURL.assemblyMinutes(a.number).path)
            }
        }
        routes.get(SiteURL.assemblyMinutesFile(.anyValue, .anyValue)) { req async throws -> Response in
            let a = try await AssemblyPages.assembly(req)
            let file = try req.pathParameter(.file, expecting: t("a minutes file name"))
            let prefix = "minutes-\(a.number)-v"
            guard file.hasPrefix(prefix), file.hasSuffix(".txt"), let version = Int(file.dropFirst(prefix.count).dropLast(4)),
                let row = try await AssemblyStore.minutes(of: try a.requireID(), on: req.db).first(where: { $0.version == version }),
                let sealed = row.sealedFile
            else {
                throw Abort(.notFound, reason: t("There is no sealed file '%1$s' of assembly #%2$s's minutes.", file, String(a.number)))
            }
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file)\"")
            return Response(status: .ok, headers: headers, body: .init(string: sealed))
        }
    }

    static func fileName(_ assembly: Int, _ version: Int) -> String { "minutes-\(assembly)-v\(version).txt" }

    static func show(_ req: Request) async throws -> PageResponse {
        let a = try await AssemblyPages.assembly(req)
        var steward = false
        if let user = req.user, let m = try await req.membership(of: user) { steward = m.steward && m.status == .admitted }
        let versions = try await AssemblyStore.minutes(of: try a.requireID(), on: req.db)
        let draft = Minutes.text(
            try await AssemblyStore.minutesFacts(
                of: a, version: (versions.first?.version ?? 0) + 1, additions: versions.first?.additions ?? "", on: req.db))
        let c = try await req.layout(t("Minutes: %s", a.title), forms: true)
        let error = req.storage[FormErrorKey.self]
        let met = a.status != .convened
        return Layout.page(
            c,
            Layout.error(error),
            .p(.a(.href(SiteURL.assembly(a.number).path), .text(t("Back to the assembly")))),
            .h2(.text(t("Versions"))),
            .if(versions.isEmpty, .p(.id("no-minutes"), .text(t("No minutes have been signed yet.")))),
            .ul(
                .id("minutes-versions"),
                .forEach(versions) { v in
                    .li(
                        .strong(.text(t("Version %s", String(v.version)))), .text(" "),
                        Layout.badge(v.sealedAt == nil ? t("awaiting a second officer") : t("sealed"), v.sealedAt == nil ? "info" : "act"),
                        .p(
                            .text(
                                v.officerName.map { n in
                                    t(
                                        "Signed by %1$s as chair on %2$s; countersigned by %3$s on %4$s; sealed with the co-op's key.",
                                        v.chairName, Layout.date(v.chairSignedAt), n, v.officerSignedAt.map(Layout.date) ?? "")
                                } ?? t("Signed by %1$s as chair on %2$s.", v.chairName, Layout.date(v.chairSignedAt)))),
                        .p(.small(.text(t("SHA-256 of the text: %s", v.textSHA256)))),
                        .if(
                            v.sealedFile != nil,
                            .p(
                                .a(
                                    .href(SiteURL.assemblyMinutesFile(a.number, fileName(a.number, v.version)).path),
                                    .text(t("Download %s", fileName(a.number, v.version)))))),
                        .if(
                            steward && v.sealedAt == nil && v.version == versions.first?.version,
                            .form(
                                .method(.post), .action(SiteURL.assemblyMinutesCountersign(a.number).path), Layout.csrfField(c.csrf),
                                .input(.type(.hidden), .name("version"), .value(String(v.version))),
                                .button(.type(.submit), .text(t("Countersign version %s as second officer", String(v.version)))))),
                        .details(
                            .summary(.text(t("Text of version %s", String(v.version)))),
                            .pre(
                                .class("minutes"), .attribute(named: "lang", value: "en"), .attribute(named: "translate", value: "no"),
                                .text(v.text))))
                }),
            .h2(.text(t("The minutes as they stand now"))),
            .pre(
                .id("minutes-draft"), .class("minutes"), .attribute(named: "lang", value: "en"),
                .attribute(named: "translate", value: "no"),
                .text(draft)),
            .if(
                steward && met,
                .form(
                    .id("minutes-sign"), .method(.post), .action(SiteURL.assemblyMinutes(a.number).path), Layout.csrfField(c.csrf),
                    .div(
                        .class("field"),
                        .label(
                            .for("additions"),
                            .text(t("The chair's additions (plain text, at most %s characters)", num(Minutes.maxAdditions)))),
                        .textarea(
                            .id("additions"), .name("additions"), .attribute(named: "rows", value: "6"),
                            .attribute(named: "maxlength", value: String(Minutes.maxAdditions)), .text(versions.first?.additions ?? ""))),
                    .button(.type(.submit), .text(t("Sign as chair (makes version %s)", String((versions.first?.version ?? 0) + 1)))))),
            .if(steward && !met, .p(.text(t("The minutes can be signed once the assembly has met.")))),
            .p(
                .small(
                    .text(
                        t(
                            "Anyone can check a sealed file with: coop minutes verify FILE. It says who signed and when, and fails if one byte was changed."
                        )
                    ))))
    }
}
