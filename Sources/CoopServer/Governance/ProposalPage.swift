import CoopCore
import CoopStore
import Fluent
import Plot
import Vapor

/// One proposal's page: what it asks, its discussion, the ballot, and after close the result.
enum ProposalPage {
    static func describe(_ status: String) -> String {
        switch ProposalStatus(rawValue: status) {
        case .discussion: "in discussion"
        case .voting: "voting open"
        case .passed: "passed, waiting for its timelock"
        case .failed: "not passed"
        case .enacted: "passed and enacted"
        case .notEnacted: "passed, could not be enacted"
        case nil: status
        }
    }

    static func describe(_ payload: ProposalPayload, bylaws: Bylaws) -> String {
        switch payload {
        case .policyChange(let key, let value): "Set the policy \(key) to \(value)."
        case .general(let options): options.isEmpty ? "A decision: yes or no." : "Options: \(options.joined(separator: "; "))."
        case .election(let seats, let candidates): "Elect \(seats) board member(s); \(candidates.count) standing."
        case .admission: "Admit an applicant whose class admits by member vote."
        case .budget(let amount, let payee, let memo):
            "Pay \(Money(minorUnits: amount, currency: bylaws.currency)) to \(payee): \(memo)."
        case .bylawAmendment: "Adopt an amended version of the bylaws."
        case .surplusAllocation(let n): "Approve the allocation of fiscal period \(n)'s surplus; on passing it is posted to the ledger."
        }
    }

    /// The fiscal period an allocation proposal is about.
    static func allocationPeriod(_ payload: ProposalPayload) -> Int? {
        if case .surplusAllocation(let n) = payload { return n }
        return nil
    }

    static func show(_ req: Request, receipt: Governance.Receipt? = nil, changed: Bool = false) async throws -> PageResponse {
        let p = try await GovernanceActions.proposal(req)
        let bylaws = try await req.bylaws()
        let payload = try Governance.decode(ProposalPayload.self, p.payload)
        let c = try await req.layout("#\(p.number): \(p.title)")
        var member: MembershipRecord?
        if let user = c.user, let m = try await req.membership(of: user), m.status == MembershipStatus.admitted.rawValue { member = m }
        let comments = try await ProposalCommentRecord.query(on: req.db).filter(\.$proposalID == p.requireID()).sort(\.$createdAt).all()
        var names: [UUID: String] = [:]
        for m in try await MembershipRecord.query(on: req.db).filter(\.$id ~~ comments.map(\.membershipID)).all() {
            names[m.id!] = try await UserRecord.find(m.userID, on: req.db)?.name
        }
        var voted = false
        var eligible = false
        if let member, p.status == ProposalStatus.voting.rawValue,
            let v = try await ProposalVoterRecord.query(on: req.db).filter(\.$proposalID == p.requireID())
                .filter(\.$membershipID == member.requireID()).first()
        {
            eligible = true
            voted = v.voted
        }
        let frozen = try? Governance.frozenRules(p)
        let outcome = try p.outcome.map { try Governance.decode(ProposalOutcome.self, $0) }
        let rules = frozen?.rules ?? bylaws.proposals[payload.kind]
        return Layout.page(
            c,
            Layout.error(req.storage[FormErrorKey.self]),
            .unwrap(receipt) { r in
                .div(
                    .class("notice"), .id("receipt"),
                    .p(.strong(.text(changed ? "Your ballot is changed." : "Your ballot is cast."))),
                    .unwrap(r.receipt) { code in
                        .group(
                            .p(
                                .text(
                                    "Your receipt code (shown once; keep it to change your ballot before close and to find it on the bulletin board after):"
                                )),
                            .p(.class("hash big"), .id("receipt-code"), .text(code)))
                    })
            },
            .dl(
                .dt("Status"), .dd(.id("proposal-status"), .text(describe(p.status))),
                .dt("Asks"),
                .dd(
                    .text(describe(payload, bylaws: bylaws)),
                    .unwrap(allocationPeriod(payload)) { n in
                        .group(
                            .text(" "),
                            .a(.id("allocation-link"), .href(SiteURL.period(n).path), .text("See the allocation and your own line.")))
                    }),
                .dt("Voting"), .dd(.text("\(Layout.date(p.votingOpensAt)) to \(Layout.date(p.votingClosesAt))")),
                .unwrap(rules) { r in
                    .group(
                        .dt("Rules"),
                        .dd(
                            .text(
                                "\(r.method.rawValue); quorum \(r.quorum) of eligible members (abstentions count toward it); "
                                    + (r.method == .majority
                                        ? "passes with more than \(r.threshold) of yes + no (abstentions do not count toward it); " : "")
                                    + "timelock \(r.timelockHours) h; \(r.secret ? "secret" : "open, named") ballot"
                                    + (frozen == nil ? " (frozen when voting opens)" : " (frozen at opening)"))))
                },
                .unwrap(p.enactmentNote) { note in
                    .group(
                        .dt(
                            .text(
                                p.status == ProposalStatus.failed.rawValue
                                    ? "Count" : p.status == ProposalStatus.enacted.rawValue ? "Enacted" : "Not enacted")),
                        .dd(.id("enactment"), .text(note)))
                }
            ),
            .if(!p.body.isEmpty, .section(.h2("The case for it"), .p(.text(p.body)))),
            ballotSection(p, frozen: frozen, member: member, eligible: eligible, voted: voted, csrf: c.csrf),
            .unwrap(outcome) { o in ResultView.section(p, outcome: o, frozen: frozen) },
            .if(
                p.status == ProposalStatus.discussion.rawValue && member != nil && payload.kind == .election,
                .form(
                    .method(.post), .action(SiteURL.proposalStand(p.number).path), Layout.csrfField(c.csrf),
                    .button(.type(.submit), .text("Stand as a candidate")))),
            .section(
                .h2("Discussion"),
                comments.isEmpty
                    ? .p("No comments yet.")
                    : .ul(
                        .class("comments"),
                        .forEach(comments) { cm in
                            .li(
                                .strong(.text(names[cm.membershipID] ?? "member")), .text(" (\(Layout.date(cm.createdAt))): "),
                                .text(cm.body))
                        }),
                .if(
                    member != nil,
                    .form(
                        .method(.post), .action(SiteURL.proposalComment(p.number).path), Layout.csrfField(c.csrf),
                        .div(
                            .class("field"), .label(.for("comment"), .text("Add to the discussion")),
                            .textarea(.id("comment"), .name("body"), .attribute(named: "rows", value: "3"))),
                        .button(.type(.submit), .text("Post")))))
        )
    }

    static func ballotSection(
        _ p: ProposalRecord, frozen: FrozenRules?, member: MembershipRecord?, eligible: Bool, voted: Bool, csrf: String
    ) -> Node<HTML.BodyContext> {
        guard p.status == ProposalStatus.voting.rawValue, let frozen else { return .empty }
        guard member != nil else { return .section(.h2("Vote"), .p("Members log in to vote.")) }
        guard eligible else { return .section(.h2("Vote"), .p("Only members admitted when voting opened vote on this proposal.")) }
        let secret = frozen.rules.secret
        return .section(
            .h2("Vote"),
            .p(.text("No result or running count is shown before voting closes.")),
            voted
                ? .p(
                    .class("notice"),
                    .text(
                        secret
                            ? "You have voted. To change your ballot, give its receipt code with your new choice below."
                            : "You have voted (open ballot). You may change it below until close."))
                : .empty,
            .form(
                .method(.post), .action((voted ? SiteURL.proposalBallotChange(p.number) : .proposalBallot(p.number)).path),
                .id("ballot"), Layout.csrfField(csrf),
                ballotFields(frozen),
                .if(voted && secret, Layout.field("Receipt code of your ballot", name: "receipt")),
                .button(.type(.submit), .text(voted ? "Change my ballot" : "Cast my ballot"))))
    }

    static func ballotFields(_ frozen: FrozenRules) -> Node<HTML.FormContext> {
        let options = Array(frozen.options.enumerated())
        switch frozen.rules.method {
        case .majority:
            return .forEach(["yes", "no", "abstain"]) { choice in
                .div(
                    .class("field"), .input(.type(.radio), .name("choice"), .id("choice-\(choice)"), .value(choice), .required(true)),
                    .label(.for("choice-\(choice)"), .text(" \(choice)")))
            }
        case .approval:
            return .forEach(options) { i, o in
                .div(
                    .class("field"), .input(.type(.checkbox), .name("approve[]"), .id("approve-\(i)"), .value(String(i))),
                    .label(.for("approve-\(i)"), .text(" \(o)")))
            }
        case .score:
            return .forEach(options) { i, o in
                .div(
                    .class("field"), .label(.for("score-\(i)"), .text(o)),
                    .input(
                        .type(.number), .name("score[\(i)]"), .id("score-\(i)"), .value("0"), .attribute(named: "min", value: "0"),
                        .attribute(named: "max", value: String(frozen.maxScore))))
            }
        case .irv, .stv, .schulze:
            return .group(
                .p(.text("Give your first choice 1, your second 2, and so on; leave out any you do not want to rank.")),
                .forEach(options) { i, o in
                    .div(
                        .class("field"), .label(.for("rank-\(i)"), .text(o)),
                        .select(
                            .id("rank-\(i)"), .attribute(named: "name", value: "rank[\(i)]"),
                            .element(named: "option", nodes: [.attribute(named: "value", value: "0"), .text("not ranked")]),
                            .forEach(1...options.count) { r in
                                .element(named: "option", nodes: [.attribute(named: "value", value: String(r)), .text(String(r))])
                            }))
                })
        }
    }

    /// After close: every counted ballot with its receipt hash, sorted by the hash (random, and the
    /// same on every reading), never in the order they were cast.
    static func bulletinRows(_ req: Request) async throws -> (ProposalRecord, FrozenRules, [(String, BallotContent)]) {
        let (p, frozen, rows) = try await bulletinBallots(req)
        return (p, frozen, try rows.map { ($0.receiptHash ?? "open ballot", try Governance.decode(BallotContent.self, $0.content)) })
    }

    /// The counted ballots as stored (receipt hash, exact content), sorted as the board shows them.
    static func bulletinBallots(_ req: Request) async throws -> (ProposalRecord, FrozenRules, [BallotRecord]) {
        let p = try await GovernanceActions.proposal(req)
        guard p.closedAt != nil else { throw CoopError.conflict("The bulletin board opens when voting closes.") }
        let frozen = try Governance.frozenRules(p)
        let rows = try await Governance.currentBallots(p, on: req.db).sorted {
            ($0.receiptHash ?? "", $0.content) < ($1.receiptHash ?? "", $1.content)
        }
        return (p, frozen, rows)
    }

    static func line(_ content: BallotContent) -> String {
        func quote(_ s: String) -> String { CSVCell.field(s) }
        switch content {
        case .choice(let c): return quote(c)
        case .approvals(let names), .ranking(let names): return names.map(quote).joined(separator: ",")
        case .scores(let s): return s.sorted { $0.key < $1.key }.map { quote("\($0.key)=\($0.value)") }.joined(separator: ",")
        }
    }

    static func bulletin(_ req: Request) async throws -> PageResponse {
        let (p, frozen, rows) = try await bulletinRows(req)
        let c = try await req.layout("Bulletin board of #\(p.number)")
        return Layout.page(
            c,
            .p(
                .text(
                    "Every counted ballot, in random order, with the SHA-256 of its receipt code. Find yours by hashing your code; recount with "
                ),
                .code(
                    .text(
                        "coop tally --method \(frozen.rules.method.rawValue)\(frozen.seats > 1 ? " --seats \(frozen.seats)" : "") bulletin.csv"
                    )),
                .text(". "), .a(.href(SiteURL.proposalBulletinCSV(p.number).path), .text("Download the ballots (CSV)"))),
            .table(
                .id("bulletin"),
                .thead(.tr(.th("Receipt hash"), .th("Ballot"))),
                .tbody(.forEach(rows) { hash, content in .tr(.td(.class("hash"), .text(hash)), .td(.text(line(content)))) })))
    }

    static func bulletinCSV(_ req: Request) async throws -> Response {
        let (p, frozen, rows) = try await bulletinRows(req)
        var text = "# Coop proposal #\(p.number): \(p.title.replacingOccurrences(of: "\n", with: " "))\n"
        // Reserved seats go on the command line, shell-quoted: candidates' names have spaces.
        let reserve = (frozen.reservations ?? []).map { r in
            " --reserve '\(r.seats):\(line(.ranking(r.candidates)).replacingOccurrences(of: "'", with: "'\\''"))'"
        }.joined()
        text +=
            "# method \(frozen.rules.method.rawValue), seats \(frozen.seats); count with: coop tally --method \(frozen.rules.method.rawValue)\(frozen.seats > 1 ? " --seats \(frozen.seats)" : "")\(reserve) --seed \(frozen.seed) FILE\n"
        for (_, content) in rows { text += line(content) + "\n" }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"proposal-\(p.number)-ballots.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
