import CoopCore
import CoopStore
import Plot
import Vapor

extension ProposalShow {
    /// Renders a proposal's page from its model; nothing here reads the database.
    enum View {
        static func render(
            _ model: Model, layout c: Layout.Context, error: String?, receipt: ReceiptKeeping.Kept? = nil
        ) -> PageResponse {
            let p = model.proposal
            let frozen = model.frozen
            let payload = model.payload
            let bylaws = model.bylaws
            return Layout.page(
                c,
                Layout.error(error),
                .unwrap(receipt) { receiptNotice($0, p, csrf: c.csrf) },
                .dl(
                    .dt(.text(t("Status"))),
                    .dd(Layout.badge(ProposalPage.describe(p.status), ProposalList.View.tone(p.status), id: "proposal-status")),
                    .dt(.text(t("Proposed by"))),
                    .dd(
                        .id("proposal-author"),
                        model.author.map { .element(named: "bdi", nodes: [.text($0)]) } ?? .text(t("a former member"))),
                    .unwrap(model.policy) { policy in
                        .group(
                            .dt(.text(t("The policy"))),
                            .dd(
                                .id("policy-name"), .attribute(named: "lang", value: c.coopLanguage), .strong(.text(policy.name)),
                                .text(". \(policy.description)")),
                            .dt(.text(t("Now"))), .dd(.id("policy-now"), .text(policy.value)),
                            .dt(.text(t("Proposed"))),
                            .dd(.id("policy-proposed"), .strong(.text(ProposalPage.proposedValue(payload) ?? ""))))
                    },
                    timing(model),
                    .unwrap(model.turnout) { turnout in
                        .group(
                            .dt(.text(t("Turnout"))),
                            .dd(
                                .id("turnout"),
                                .text(
                                    p.status == .voting
                                        ? tn(
                                            "%d of %s eligible members have voted so far", "%d of %s eligible members have voted so far",
                                            turnout.voted, num(turnout.eligible))
                                        : tn(
                                            "%d of %s eligible members voted", "%d of %s eligible members voted", turnout.voted,
                                            num(turnout.eligible))
                                )))
                    },
                    .if(
                        model.eligible,
                        .group(
                            .dt(.text(t("Your vote"))),
                            .dd(
                                model.voted
                                    ? Layout.badge(t("You have voted"), "ok", id: "you-voted")
                                    : Layout.badge(t("You have not voted yet"), "act", id: "you-voted")))),
                    .dt(.text(t("Asks"))),
                    .dd(
                        .text(ProposalPage.describe(payload, bylaws: bylaws)),
                        .unwrap(ProposalPage.allocationPeriod(payload)) { n in
                            .group(
                                .text(" "),
                                .a(.id("allocation-link"), .href(SiteURL.period(n).path), .text(t("See the allocation and your own line.")))
                            )
                        }),

                    .unwrap(model.rules) { r in
                        .group(
                            .dt(.text(t("Rules"))),
                            .dd(
                                .text(
                                    t(
                                        "%1$s; quorum %2$s of eligible members (abstentions count toward it); ", r.method.rawValue,
                                        "\(r.quorum)")
                                        + (r.method == .majority
                                            ? t(
                                                "passes with more than %s of yes + no (abstentions do not count toward it); ",
                                                "\(r.threshold)")
                                            : "")
                                        + tn("timelock %d hour; ", "timelock %d hours; ", r.timelockHours)
                                        + (r.secret ? t("secret ballot") : t("open, named ballot"))
                                        + (frozen == nil ? t(" (frozen when voting opens)") : t(" (frozen at opening)")))))
                    },
                    .unwrap(p.enactmentNote) { note in
                        .group(
                            .dt(
                                .text(
                                    p.status == .failed
                                        ? t("Count") : p.status == .enacted ? t("Enacted") : t("Not enacted"))),
                            .dd(.id("enactment"), .text(note)))
                    }
                ),
                .if(
                    !p.body.isEmpty,
                    .section(.h2(.text(t("The case for it"))), Layout.paragraphs(p.body, language: p.language ?? c.coopLanguage))),
                .if(
                    payload.kind == .election,
                    .section(
                        .id("candidates"),
                        .h2(.text(t("Candidates"))),
                        model.candidates.isEmpty
                            ? .p(.text(t("Nobody stands yet.")))
                            : .ul(
                                .class("cards"),
                                .forEach(model.candidates) { cand in
                                    .li(
                                        .class("card"), .h3(.text(cand.name ?? t("A former member"))),
                                        cand.statement.isEmpty
                                            ? .p(.class("rules"), .text(t("No statement."))) : Layout.paragraphs(cand.statement))
                                }))),
                .unwrap(model.assembly) { a in
                    .p(
                        .class("notice"), .id("at-assembly"),
                        .a(
                            .href(SiteURL.assembly(a).path),
                            .text(
                                p.status == .discussion
                                    ? t("This proposal waits for general assembly #%s, which votes on it.", String(a))
                                    : t("General assembly #%s votes on this proposal: members check in to vote.", String(a)))))
                },
                ballotSection(p, frozen: frozen, isMember: model.isMember, eligible: model.eligible, voted: model.voted, csrf: c.csrf),
                proxySection(p, frozen: frozen, proxies: model.proxies, csrf: c.csrf),
                .unwrap(model.outcome) { o in ResultView.section(p, outcome: o, frozen: frozen) },
                .if(
                    p.status == .discussion && model.isMember && payload.kind == .election,
                    .form(
                        .id("stand"), .method(.post), .action(SiteURL.proposalStand(p.number).path), Layout.csrfField(c.csrf),
                        .div(
                            .class("field"),
                            .label(.for("statement"), .text(t("Why you stand: what you would do on the board (optional)"))),
                            .textarea(
                                .id("statement"), .name("statement"), .attribute(named: "rows", value: "4"),
                                .attribute(named: "maxlength", value: "2000"), .text(Layout.shown("statement")))),
                        .button(.type(.submit), .text(t("Stand as a candidate"))))),
                .section(
                    .h2(.text(t("Discussion"))),
                    model.comments.isEmpty
                        ? .p(.text(t("No comments yet.")))
                        : .ul(
                            .class("comments"),
                            .forEach(model.comments) { cm in
                                .li(
                                    .strong(cm.author.map { .element(named: "bdi", nodes: [.text($0)]) } ?? .text(t("member"))),
                                    .text(" (\(Layout.date(cm.createdAt))): "),
                                    .text(cm.body))
                            }),
                    .if(
                        model.isMember,
                        .form(
                            .method(.post), .action(SiteURL.proposalComment(p.number).path), Layout.csrfField(c.csrf),
                            .div(
                                .class("field"), .label(.for("comment"), .text(t("Add to the discussion"))),
                                .textarea(.id("comment"), .name("body"), .attribute(named: "rows", value: "3"))),
                            .button(.type(.submit), .text(t("Post"))))))
            )
        }

        /// When voting opens and closes, with the time left.
        static func timing(_ model: Model) -> Node<HTML.DescriptionListContext> {
            let p = model.proposal
            let left: String =
                switch p.status {
                case .discussion: t(" (opens in %s)", Layout.duration(from: model.now, to: p.votingOpensAt))
                case .voting: t(" (closes in %s)", Layout.duration(from: model.now, to: p.votingClosesAt))
                default: ""
                }
            return .group(
                .dt(.text(t("Voting"))),
                .dd(.id("voting-time"), .text(t("%1$s to %2$s", Layout.date(p.votingOpensAt), Layout.date(p.votingClosesAt)) + left)))
        }

        static func ballotSection(
            _ p: ProposalRecord, frozen: FrozenRules?, isMember: Bool, eligible: Bool, voted: Bool, csrf: String
        ) -> Node<HTML.BodyContext> {
            guard p.status == .voting, let frozen else { return .empty }
            guard isMember else { return .section(.h2(.text(t("Vote"))), .p(.text(t("Members log in to vote.")))) }
            guard eligible else {
                return .section(.h2(.text(t("Vote"))), .p(.text(t("Only members admitted when voting opened vote on this proposal."))))
            }
            let secret = frozen.rules.secret
            return .section(
                .h2(.text(t("Vote"))),
                .p(.text(t("No result or running count is shown before voting closes."))),
                voted
                    ? .p(
                        .class("notice"),
                        .text(
                            secret
                                ? t("You have voted. To change your ballot, give its receipt code with your new choice below.")
                                : t("You have voted (open ballot). You may change it below until close.")))
                    : .empty,
                .form(
                    .method(.post), .action((voted ? SiteURL.proposalBallotChange(p.number) : .proposalBallot(p.number)).path),
                    .id("ballot"), Layout.csrfField(csrf),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(named: "legend", text: frozen.rules.method == .majority ? t("Your vote") : t("Your ballot")),
                            ballotFields(frozen),
                        ]),
                    .if(voted && secret, Layout.field(t("Receipt code of your ballot"), name: "receipt")),
                    .button(.type(.submit), .text(voted ? t("Change my ballot") : t("Cast my ballot")))))
        }

        /// The receipt of a ballot this browser keeps: the voter's own, or one cast for `giver`.
        static func receiptNotice(
            _ r: ReceiptKeeping.Kept, _ p: ProposalRecord, csrf: String, giver: ProxyVote? = nil
        ) -> Node<HTML.BodyContext> {
            let forGiver = giver.map { "?for=\($0.number)" } ?? ""
            return .div(
                .class("notice"), .id(giver.map { "receipt-for\($0.number)" } ?? "your-receipt"),
                .attribute(named: "role", value: "status"),
                .p(
                    .strong(
                        .text(
                            giver.map { g in
                                r.changed ? t("The ballot of %s is changed.", g.name) : t("The ballot of %s is cast.", g.name)
                            } ?? (r.changed ? t("Your ballot is changed.") : t("Your ballot is cast."))))),
                .unwrap(r.code) { code in
                    .group(
                        .p(
                            .text(
                                t(
                                    "Your receipt code: keep it private. Before close it lets you change your ballot; after close it finds your ballot on the bulletin board. Only this browser holds it, and it forgets it when you log out."
                                ))),
                        .p(.class("hash big"), .id(giver.map { "receipt-code-for\($0.number)" } ?? "receipt-code"), .text(code)))
                },
                .div(
                    .class("actions"),
                    .unwrap(r.code) { _ in
                        .a(
                            .class("button secondary"), .id(giver.map { "receipt-download-for\($0.number)" } ?? "receipt-download"),
                            .href(SiteURL.proposalReceipt(p.number).path + forGiver), .text(t("Download the receipt")))
                    },
                    .form(
                        .class("inline"), .method(.post), .action(SiteURL.proposalReceiptKept(p.number).path),
                        Layout.csrfField(csrf),
                        .unwrap(giver) { .input(.type(.hidden), .name("for"), .value(String($0.number))) },
                        .button(
                            .type(.submit), .class("secondary"),
                            .text(r.code == nil ? t("Hide this message") : t("I have kept it: hide the code"))))))
        }

        /// At an assembly: a ballot for each member whose written proxy the viewer holds.
        static func proxySection(_ p: ProposalRecord, frozen: FrozenRules?, proxies: [ProxyVote], csrf: String) -> Node<HTML.BodyContext> {
            guard p.status == .voting, let frozen, !proxies.isEmpty else { return .empty }
            return .section(
                .id("proxies"),
                .h2(.text(t("Votes you carry by proxy"))),
                .forEach(proxies) { giver in
                    giver.voted
                        ? .group(
                            .p(.text(t("The vote of %s has been cast.", giver.name))),
                            .unwrap(giver.receipt) { receiptNotice($0, p, csrf: csrf, giver: giver) })
                        : .form(
                            .method(.post), .action(SiteURL.proposalBallot(p.number).path), Layout.csrfField(csrf),
                            .input(.type(.hidden), .name("for"), .value(String(giver.number))),
                            .element(
                                named: "fieldset",
                                nodes: [
                                    .element(named: "legend", text: t("The ballot of %s, whose proxy you hold", giver.name)),
                                    ballotFields(frozen, prefix: "for\(giver.number)-"),
                                ]),
                            .button(.type(.submit), .text(t("Cast this ballot for %s", giver.name))))
                })
        }

        /// A majority ballot's choice in words; the value sent stays `yes`, `no` or `abstain`.
        static func choiceLabel(_ choice: String) -> String {
            switch choice {
            case "yes": tc("ballot", "yes")
            case "no": tc("ballot", "no")
            default: tc("ballot", "abstain")
            }
        }

        static func ballotFields(_ frozen: FrozenRules, prefix: String = "") -> Node<HTML.FormContext> {
            let options = Array(frozen.options.enumerated())
            switch frozen.rules.method {
            case .majority:
                return .forEach(["yes", "no", "abstain"]) { choice in
                    .div(
                        .class("field"),
                        .input(.type(.radio), .name("choice"), .id("\(prefix)choice-\(choice)"), .value(choice), .required(true)),
                        .label(.for("\(prefix)choice-\(choice)"), .text(" " + choiceLabel(choice))))
                }
            case .approval:
                return .forEach(options) { i, o in
                    .div(
                        .class("field"), .input(.type(.checkbox), .name("approve[]"), .id("\(prefix)approve-\(i)"), .value(String(i))),
                        .label(.for("\(prefix)approve-\(i)"), .text(" \(o)")))
                }
            case .score:
                return .forEach(options) { i, o in
                    .div(
                        .class("field"), .label(.for("\(prefix)score-\(i)"), .text(o)),
                        .input(
                            .type(.number), .name("score[\(i)]"), .id("\(prefix)score-\(i)"), .value("0"),
                            .attribute(named: "min", value: "0"),
                            .attribute(named: "max", value: String(frozen.maxScore))))
                }
            case .irv, .stv, .schulze:
                return .group(
                    .p(.text(t("Give your first choice 1, your second 2, and so on; leave out any you do not want to rank."))),
                    .forEach(options) { i, o in
                        .div(
                            .class("field"), .label(.for("\(prefix)rank-\(i)"), .text(o)),
                            .select(
                                .id("\(prefix)rank-\(i)"), .attribute(named: "name", value: "rank[\(i)]"),
                                .element(named: "option", nodes: [.attribute(named: "value", value: "0"), .text(t("not ranked"))]),
                                .forEach(1...options.count) { r in
                                    .element(named: "option", nodes: [.attribute(named: "value", value: String(r)), .text(String(r))])
                                }))
                    })
            }
        }
    }
}
