import CoopCore
import CoopStore
import Plot
import Vapor

/// Skills recognised by peers: a worker-member's skills page shows who vouches for each, and lets
/// another worker-member who holds a skill endorse it (or withdraw their endorsement). The rules
/// are the core's (``SkillEndorsement``), checked again in the write.
enum SkillPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.workerSkills) { req in try await show(req) }
        routes.post(SiteURL.workerSkillEndorse) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                try await endorse(req, withdraw: false)
                return req.redirect(to: SiteURL.workerSkills(try workerID(req)).path)
            }
        }
        routes.post(SiteURL.workerSkillWithdraw) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                try await endorse(req, withdraw: true)
                return req.redirect(to: SiteURL.workerSkills(try workerID(req)).path)
            }
        }
    }

    /// What the page shows.
    struct Model {
        struct Skill {
            let name: String
            /// Who endorses it, by name.
            let endorsers: [String]
            /// Whether the viewer endorses it.
            let mine: Bool
            /// Whether the viewer may endorse it now (they hold it, are a worker, not this worker, within the quota).
            let mayEndorse: Bool
        }
        let worker: UUID
        let name: String
        let skills: [Skill]
        let isSelf: Bool
        /// The viewer is an admitted worker-member, so may endorse.
        let viewerIsWorker: Bool
        let given: Int
        let quota: Int
    }

    static func workerID(_ req: Request) throws -> UUID {
        try req.pathParameter(SiteURL.Parameter<UUID>.id, expecting: t("a worker's id"))
    }

    static func load(_ req: Request) async throws -> Model {
        let user = try req.requireUser()
        let id = try workerID(req)
        let bylaws = try await req.bylaws()
        guard let worker = try await MembershipQueries.membership(id: id, on: req.db),
            bylaws.mayList(status: worker.status, classID: worker.classID)
        else { throw CoopError.notFound(t("There is no such worker-member.")) }
        let profile = try await JobQueries.profile(of: id, on: req.db)
        let received = try await SkillEndorsementStore.received(by: id, on: req.db)
        let viewer = try await req.membership(of: user)
        let viewerID = viewer?.id
        let viewerIsWorker = viewer.map { bylaws.mayList(status: $0.status, classID: $0.classID) } ?? false
        var viewerSkills: Set<String> = []
        var given = 0
        if viewerIsWorker, let viewerID {
            viewerSkills = Set(Skills.list(try await JobQueries.profile(of: viewerID, on: req.db)?.skills))
            given = try await SkillEndorsementStore.given(by: viewerID, on: req.db).count
        }
        let quota = SkillEndorsement.quota(try await PolicyStore.number(.endorsementQuota, on: req.db))
        let names = try await MembershipQueries.names(of: Array(Set(received.map(\.endorser)) + [id]), on: req.db)
        let isSelf = viewerID == id
        let skills = Skills.list(profile?.skills).map { s in
            let mine = received.contains { $0.skill == s && $0.endorser == viewerID }
            return Model.Skill(
                name: s, endorsers: received.filter { $0.skill == s }.map { names[$0.endorser] ?? "" }, mine: mine,
                mayEndorse: viewerIsWorker && !isSelf && !mine && viewerSkills.contains(s) && given < quota)
        }
        return Model(
            worker: id, name: names[id] ?? "", skills: skills, isSelf: isSelf, viewerIsWorker: viewerIsWorker, given: given, quota: quota)
    }

    /// A link to the requester's own skills page, when they are a worker-member; empty otherwise.
    static func ownLink(_ req: Request) async throws -> Node<HTML.BodyContext> {
        guard let user = req.user, let m = try await req.membership(of: user), let id = m.id,
            try await req.bylaws().mayList(status: m.status, classID: m.classID)
        else { return .empty }
        return .section(
            .id("my-skills"), .h2(.text(t("Skills recognised by peers"))),
            .p(.a(.href(SiteURL.workerSkills(id).path), .text(t("See your skills and who endorses them.")))))
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let m = try await load(req)
        let c = try await req.layout(t("%s's skills", m.name), forms: true)
        return Layout.page(
            c, Layout.error(req.storage[FormErrorKey.self]),
            .p(
                .text(
                    t(
                        "Worker-members vouch for each other's skills. You may endorse a skill only if you hold it yourself, once, and within the quota the members set."
                    ))),
            .if(
                m.viewerIsWorker && !m.isSelf,
                .p(
                    .id("endorsement-quota"),
                    .text(t("You have given %1$s of the %2$s endorsements the members allow.", num(m.given), num(m.quota))))),
            m.skills.isEmpty
                ? .p(.text(t("%s lists no skills yet.", m.name)))
                : .ul(
                    .id("skills"),
                    .forEach(m.skills) { s in
                        .li(
                            .strong(.text(s.name)), .text(" "),
                            .text(tn("%d endorsement", "%d endorsements", s.endorsers.count)),
                            .if(!s.endorsers.isEmpty, .text(" (" + s.endorsers.joined(separator: ", ") + ")")),
                            .if(
                                s.mayEndorse,
                                form(SiteURL.workerSkillEndorse(m.worker), skill: s.name, t("Endorse %1$s's %2$s", m.name, s.name), c)),
                            .if(
                                s.mine,
                                form(
                                    SiteURL.workerSkillWithdraw(m.worker), skill: s.name,
                                    t("Withdraw my endorsement of %1$s's %2$s", m.name, s.name), c)
                            ))
                    }))
    }

    static func form(_ url: SiteURL, skill: String, _ label: String, _ c: Layout.Context) -> Node<HTML.BodyContext> {
        .form(
            .class("inline"), .method(.post), .action(url.path), Layout.csrfField(c.csrf),
            .input(.type(.hidden), .name("skill"), .value(skill)),
            .button(.type(.submit), .text(label)))
    }

    struct Input: Content {
        var skill: String?
    }

    /// Endorses the worker's skill, or withdraws the endorsement: admitted worker-members only,
    /// every rule checked in the write; refused in plain words, writing nothing.
    static func endorse(_ req: Request, withdraw: Bool) async throws {
        let (_, member) = try await req.requireMember()
        let worker = try workerID(req)
        let skill = try req.content.decode(Input.self).skill
        let endorser = try member.requireID()
        let bylaws = try await req.bylaws()
        let now = req.now
        do {
            if withdraw {
                try await req.write { db in
                    try await SkillEndorsementStore.withdraw(endorser: endorser, worker: worker, skill: skill, on: db, at: now)
                }
            } else {
                _ = try await req.write { db in
                    try await SkillEndorsementStore.endorse(
                        endorser: endorser, worker: worker, skill: skill, bylaws: bylaws, on: db, at: now)
                }
            }
        } catch let e as EndorsementError {
            throw refusal(e)
        }
    }

    /// An endorsement's refusal as the page says it, with its status.
    static func refusal(_ e: EndorsementError) -> CoopError {
        switch e {
        case .blankSkill: .invalid(t("Name the skill you endorse."))
        case .skillTooLong(let max): .invalid(t("A skill is at most %s characters.", num(max)))
        case .notASkill: .invalid(t("Name one skill, without commas or line breaks."))
        case .notAWorker: .forbidden(t("Only admitted worker-members endorse skills."))
        case .yourself: .invalid(t("You cannot endorse your own skills."))
        case .noSuchWorker: .notFound(t("There is no such worker-member."))
        case .youLackTheSkill(let s):
            .conflict(t("You can endorse only a skill you hold yourself: add '%s' to your own skills first.", s))
        case .workerLacksTheSkill(let s): .conflict(t("This worker does not list '%s' among their skills.", s))
        case .alreadyEndorsed(let s): .conflict(t("You already endorse this worker's '%s'.", s))
        case .quotaReached(let q):
            .conflict(t("You have given %s endorsements, as many as the members allow; withdraw one to give another.", num(q)))
        case .notEndorsed(let s): .conflict(t("You do not endorse this worker's '%s'.", s))
        }
    }
}
