import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// General assemblies: the list, convening one (stewards), each assembly's page, checking in,
/// and written proxies. Every change is one transaction through the write gate.
enum AssemblyPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.assemblies) { req in try await list(req) }
        routes.get(.newAssembly) { req in try await newForm(req) }
        routes.post(.assemblies) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await newForm($0) }) {
                let a = try await convene(req)
                return req.redirect(to: SiteURL.assembly(a.number).path)
            }
        }
        routes.get(SiteURL.assembly) { req in try await show(req) }
        func action(_ url: (Int) -> SiteURL, _ body: @escaping @Sendable (Request, AssemblyRecord) async throws -> Void) {
            routes.post(url) { req async throws -> Response in
                try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                    let a = try await assembly(req)
                    try await body(req, a)
                    return req.redirect(to: SiteURL.assembly(a.number).path)
                }
            }
        }
        action(SiteURL.assemblyOpen) { req, a in
            let (user, _) = try await req.requireSteward()
            let now = req.now
            try await req.write { db in try await AssemblyStore.open(try await fresh(a, on: db), by: user.id, on: db, at: now) }
        }
        action(SiteURL.assemblyCheckIn) { req, a in
            let (user, _) = try await req.requireSteward()
            let typed = try checkInCode(req)
            let now = req.now
            try await req.write { db in
                let a = try await fresh(a, on: db)
                guard let row = try await AssemblyStore.member(withCode: typed, at: try a.requireID(), on: db) else {
                    throw CoopError.notFound(t("No member of this assembly has the code '%s'. Check it and type it again.", typed))
                }
                try await AssemblyStore.checkIn(row.membershipID, to: a, as: .inPerson, by: user.id, on: db, at: now)
            }
        }
        action(SiteURL.assemblyCheckInOnline) { req, a in
            let (user, m) = try await req.requireMember()
            let mid = try m.requireID()
            guard !a.online.isEmpty else { throw Abort(.conflict, reason: t("This assembly meets only in person.")) }
            let now = req.now
            try await req.write { db in
                try await AssemblyStore.checkIn(mid, to: try await fresh(a, on: db), as: .online, by: user.id, on: db, at: now)
            }
        }
        action(SiteURL.assemblyCheckOut) { req, a in try await checkOutAtDesk(req, a) }
        action(SiteURL.assemblyCheckOutOnline) { req, a in try await checkOutOnline(req, a) }
        action(SiteURL.assemblyProxy) { req, a in
            let (_, m) = try await req.requireMember()
            let giver = try m.requireID()
            struct Input: Content { let holder: Int? }
            guard let number = try req.content.decode(Input.self).holder else {
                throw Abort(.badRequest, reason: t("Give the member number of the member who will hold your proxy."))
            }
            let now = req.now
            try await req.write { db in
                guard let holder = try await AssemblyStore.membership(number: number, on: db), let hid = holder.id,
                    holder.status == .admitted
                else {
                    throw CoopError.invalid(t("There is no member #%s with a vote: a proxy goes to another member.", String(number)))
                }
                try await AssemblyStore.giveProxy(from: giver, to: hid, at: try await fresh(a, on: db), on: db, at: now)
            }
        }
        action(SiteURL.assemblyProxyRevoke) { req, a in
            let (_, m) = try await req.requireMember()
            let giver = try m.requireID()
            let now = req.now
            try await req.write { db in try await AssemblyStore.revokeProxy(of: giver, at: try await fresh(a, on: db), on: db, at: now) }
        }
        action(SiteURL.assemblyItemOpen) { req, a in
            let (user, _) = try await req.requireSteward()
            struct Input: Content { let proposal: Int? }
            guard let number = try req.content.decode(Input.self).proposal else {
                throw Abort(.badRequest, reason: t("Say which proposal of the agenda to open."))
            }
            let bylaws = try await req.bylaws()
            let now = req.now
            try await req.write { db in
                guard let p = try await ProposalQueries.proposal(number: number, on: db) else {
                    throw CoopError.notFound(t("Proposal #%s is not on this assembly's agenda.", String(number)))
                }
                guard let rules = bylaws.proposals[p.kind] else { throw CoopError.invalid("The bylaws have no rules for this kind.") }
                let item = try await AssemblyStore.openItem(
                    proposal: number, at: try await fresh(a, on: db), quorum: rules.quorum, by: user.id, on: db, at: now)
                let voters = try StoredJSON.decode([String].self, item.voters).compactMap(UUID.init(uuidString:))
                // The vote lasts until the chair closes it; if never, the clock closes it a day later.
                try await Governance.open(
                    p, bylaws: bylaws,
                    meeting: .init(voters: voters, eligible: item.eligible, closesAt: now.addingTimeInterval(86_400)), on: db, at: now)
            }
        }
        action(SiteURL.assemblyItemClose) { req, a in
            let (user, _) = try await req.requireSteward()
            let number = try proposalNumber(req)
            let bylaws = try await req.bylaws()
            let now = req.now
            try await req.write { db in
                let p = try await AssemblyStore.closeItem(number: number, at: try await fresh(a, on: db), by: user.id, on: db, at: now)
                try await Governance.close(p, bylaws: bylaws, on: db, at: now)
            }
        }
        action(SiteURL.assemblyTeller) { req, a in
            let (user, _) = try await req.requireSteward()
            struct Input: Content { let member: String? }
            let typed = (try req.content.decode(Input.self).member ?? "").trimmingCharacters(in: .whitespaces)
            guard typed.count <= 12, let number = Int(typed.replacingOccurrences(of: "#", with: "")), number > 0 else {
                throw Abort(.badRequest, reason: t("Give the teller's member number."))
            }
            let now = req.now
            try await req.write { db in
                guard let m = try await AssemblyStore.membership(number: number, on: db), let mid = m.id else {
                    throw CoopError.notFound(t("There is no member #%s.", String(number)))
                }
                try await AssemblyStore.appointTeller(mid, at: try await fresh(a, on: db), by: user.id, on: db, at: now)
            }
        }
        action(SiteURL.assemblyPaper) { req, a in
            let (_, m) = try await req.requireMember()
            let teller = try m.requireID()
            let number = try proposalNumber(req)
            let code = try checkInCode(req)
            let now = req.now
            try await req.write { db in
                _ = try await AssemblyStore.issuePaper(
                    number: number, toCode: code, at: try await fresh(a, on: db), by: teller, on: db, at: now)
            }
        }
        action(SiteURL.assemblyPaperBatch) { req, a in
            let (_, m) = try await req.requireMember()
            let teller = try m.requireID()
            let number = try proposalNumber(req)
            struct Input: Content { let ballots: String? }
            let text = try req.content.decode(Input.self).ballots ?? ""
            guard text.utf8.count <= 64_000 else {
                throw Abort(.payloadTooLarge, reason: t("A batch is at most 64 KB of text; enter it in smaller batches."))
            }
            let now = req.now
            let entry = try await req.write { db in
                try await AssemblyStore.enterBatch(number: number, text: text, at: try await fresh(a, on: db), by: teller, on: db, at: now)
            }
            if case .disagreed(let first, let second) = entry {
                throw Abort(
                    .conflict,
                    reason:
                        t(
                            "The two tellers' counts differ (first: %1$s; second: %2$s). Both entries are discarded: count the batch again, and enter it twice.",
                            first, second)
                )
            }
        }
        action(SiteURL.assemblyClose) { req, a in
            let (user, _) = try await req.requireSteward()
            let now = req.now
            try await req.write { db in try await AssemblyStore.close(try await fresh(a, on: db), by: user.id, on: db, at: now) }
        }
    }

    /// The check-in code a form names (the desk's, or a teller's for paper): at most 20
    /// characters, so a pasted page is refused before any lookup; the store finds or refuses it.
    static func checkInCode(_ req: Request) throws -> String {
        struct Input: Content { let code: String? }
        let typed = try req.content.decode(Input.self).code ?? ""
        guard typed.count <= 20 else { throw Abort(.badRequest, reason: t("A check-in code is 6 letters and digits.")) }
        return typed
    }

    /// The proposal number a form about an agenda item names.
    static func proposalNumber(_ req: Request) throws -> Int {
        struct Input: Content { let proposal: String? }
        guard let typed = try req.content.decode(Input.self).proposal, typed.count <= 12, let n = Int(typed), n > 0 else {
            throw Abort(.badRequest, reason: t("Say which proposal of the agenda this is about."))
        }
        return n
    }

    /// The assembly re-read inside the write transaction, so a status changed meanwhile counts.
    static func fresh(_ a: AssemblyRecord, on db: any Database) async throws -> AssemblyRecord {
        guard let now = try await AssemblyStore.find(number: a.number, on: db) else { throw CoopError.notFound("This assembly is gone.") }
        return now
    }

    static func assembly(_ req: Request) async throws -> AssemblyRecord {
        let n = try req.pathParameter(.number, expecting: t("an assembly number"))
        guard let a = try await AssemblyStore.find(number: n, on: req.db) else {
            throw Abort(.notFound, reason: t("There is no assembly #%s.", String(n)))
        }
        return a
    }

    static func list(_ req: Request) async throws -> PageResponse {
        var canConvene = false
        if let user = req.user, let m = try await req.membership(of: user) { canConvene = m.steward && m.status == .admitted }
        return AssemblyListView.render(
            try await AssemblyList.load(on: req.db), canConvene: canConvene, layout: try await req.layout(t("General assemblies")))
    }

    static func newForm(_ req: Request) async throws -> PageResponse {
        _ = try await req.requireSteward()
        let notice = AssemblyRules.noticeDays(try await PolicyStore.number(.assemblyNoticeDays, on: req.db))
        // Only proposals still in discussion and waiting for no other assembly can go on an agenda.
        let proposals = try await ProposalQueries.all(on: req.db).filter { $0.status == .discussion && $0.assemblyID == nil }
            .map { ($0.number, $0.title) }
        return AssemblyListView.form(
            noticeDays: notice, proposals: proposals, layout: try await req.layout(t("Convene a general assembly"), forms: true),
            error: req.storage[FormErrorKey.self])
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let n = try req.pathParameter(.number, expecting: t("an assembly number"))
        var membership: MembershipRecord?
        if let user = req.user { membership = try await req.membership(of: user) }
        if membership?.status != .admitted { membership = nil }
        guard var model = try await AssemblyShow.load(number: n, membership: membership, on: req.db) else {
            throw Abort(.notFound, reason: t("There is no assembly #%s.", String(n)))
        }
        if let mine = model.mine {
            model.checkInLink = req.application.coop.config.mail.baseURL + SiteURL.assemblyCheckInLink(n, mine.code).path
        }
        var c = try await req.layout(model.title, forms: true)
        c.titleLanguage = c.coopLanguage  // a steward's words, in the co-op's language
        return AssemblyShow.View.render(model, layout: c, error: req.storage[FormErrorKey.self])
    }

    struct ConveneInput: Content {
        var title: String?
        var starts_at: Date?
        var place: String?
        var online: String?
        var agenda: String?
    }

    static func convene(_ req: Request) async throws -> AssemblyRecord {
        let (user, _) = try await req.requireSteward()
        let input = try req.content.decode(ConveneInput.self)
        guard let startsAt = input.starts_at else { throw Abort(.badRequest, reason: t("Say when the assembly begins.")) }
        let agendaText = input.agenda ?? ""
        guard agendaText.count <= 1_000 else { throw Abort(.badRequest, reason: t("The agenda is a short list of proposal numbers.")) }
        var agenda: [Int] = []
        for part in agendaText.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
            let typed = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "#", with: "")
            guard let n = Int(typed), n > 0 else { throw Abort(.badRequest, reason: t("'%s' is not a proposal number.", String(part))) }
            agenda.append(n)
        }
        let c = AssemblyStore.Convocation(
            title: input.title ?? "", startsAt: startsAt, place: input.place ?? "", online: input.online ?? "", agenda: agenda)
        let now = req.now
        return try await req.write { db in
            var random = SystemRandomNumberGenerator()
            return try await AssemblyStore.convene(c, by: user.id, on: db, at: now, random: &random)
        }
    }
}
