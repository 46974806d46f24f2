import CoopCore
import CoopStore
import Plot
import Vapor

extension AssemblyShow {
    enum View {
        static func render(_ m: Model, layout c: Layout.Context, error: String?) -> PageResponse {
            Layout.page(
                c,
                Layout.error(error),
                .p(Layout.badge(m.status.label, m.status == .open ? "act" : "info", id: "assembly-status")),
                .dl(
                    .dt("When"), .dd(.text(Layout.date(m.startsAt))),
                    .if(!m.place.isEmpty, .group(.dt("Where"), .dd(.text(m.place)))),
                    .if(!m.online.isEmpty, .group(.dt("Online"), .dd(.text(m.online)))),
                    .dt("Notice given"), .dd(.text("\(m.noticeDays) days"))),
                .p(.a(.href(SiteURL.assemblyMinutes(m.number).path), .text("Minutes of this assembly"))),
                .h2("Agenda"),
                .ol(
                    .id("agenda"),
                    .forEach(m.agenda) { i in
                        .li(
                            .a(.href(SiteURL.proposal(i.number).path), .text("Proposal #\(i.number): \(i.title)")), .text(" "),
                            Layout.badge(i.status.rawValue),
                            .unwrap(i.opened) { c in
                                .p(
                                    .class("item-opened"),
                                    .text(
                                        "Opened for voting with \(c.counted) of \(c.eligible) members counted (\(c.inPerson) in person, "
                                            + "\(c.online) online, \(c.byProxy) by proxy); quorum \(i.quorum?.description ?? "") "
                                            + (i.quorumMet ? "met." : "not met.")))
                            },
                            .if(i.voting, .p(.class("item-voting"), .text(paperLine(i)))),
                            .unwrap(i.waitingBatch) { who in
                                .p(.class("notice"), .text(t("A batch entered by %s waits for a second teller's count.", who)))
                            },
                            .unwrap(i.result) { r in .p(.class("item-result"), .strong(.text(t("Result: %s", r)))) },
                            .if(m.isTeller && i.voting, tellerForms(i, m, c)),
                            .if(
                                m.isSteward && i.voting,
                                .form(
                                    .class("inline"), .method(.post), .action(SiteURL.assemblyItemClose(m.number).path),
                                    Layout.csrfField(c.csrf), .input(.type(.hidden), .name("proposal"), .value(String(i.number))),
                                    .button(.type(.submit), .text(t("Close the vote on proposal #%s and count it", String(i.number)))))),
                            .if(
                                m.isSteward && m.status == .open && i.opened == nil,
                                .form(
                                    .class("inline"), .method(.post), .action(SiteURL.assemblyItemOpen(m.number).path),
                                    Layout.csrfField(c.csrf), .input(.type(.hidden), .name("proposal"), .value(String(i.number))),
                                    .button(.type(.submit), .text("Open proposal #\(i.number) for voting")))))
                    }),
                .h2("Attendance"),
                .table(
                    .id("attendance"),
                    .thead(.tr(.th("In person"), .th("Online"), .th("By proxy"), .th("Counted"), .th("Members"))),
                    .tbody(
                        .tr(
                            .td(.text(String(m.count.inPerson))), .td(.text(String(m.count.online))), .td(.text(String(m.count.byProxy))),
                            .td(.text(String(m.count.counted))), .td(.text(String(m.count.eligible)))))),
                .p(
                    .small(
                        .text(
                            "A member may hold at most \(m.proxyCap) \(m.proxyCap == 1 ? "proxy" : "proxies"). A proxy counts when its holder is present."
                        ))),
                .if(
                    !m.tellers.isEmpty,
                    .p(.id("tellers"), .text(t("Tellers: %s.", m.tellers.joined(separator: ", "))))),
                .unwrap(m.mine) { mine in yours(mine, m, c) },
                .if(m.isSteward, steward(m, c)))
        }

        static func yours(_ mine: Model.Mine, _ m: Model, _ c: Layout.Context) -> Node<HTML.BodyContext> {
            .section(
                .class("card"),
                .h2("You"),
                .p(
                    .text("Your check-in code: "), .strong(.id("check-in-code"), .class("code"), .text(mine.code)),
                    .text(". Show it at the desk; a steward types it to check you in.")),
                .unwrap(mine.presence) { p in .p(.id("my-presence"), .text("You are checked in \(p.label).")) },
                .if(
                    mine.presence == nil && m.status == .open && !m.online.isEmpty,
                    .form(
                        .method(.post), .action(SiteURL.assemblyCheckInOnline(m.number).path), Layout.csrfField(c.csrf),
                        .button(.type(.submit), .text("Check in online")))),
                .if(!mine.holding.isEmpty, .p(.id("holding"), .text("You hold the proxies of: \(mine.holding.joined(separator: ", "))."))),
                .unwrap(mine.gaveTo) { to in
                    .group(
                        .p(.id("gave-to"), .text("You gave your proxy to \(to).")),
                        .if(
                            m.status != .closed,
                            .form(
                                .method(.post), .action(SiteURL.assemblyProxyRevoke(m.number).path), Layout.csrfField(c.csrf),
                                .button(.type(.submit), .text("Revoke my proxy")))))
                },
                .if(
                    mine.gaveTo == nil && mine.presence == nil && mine.holding.isEmpty && m.status != .closed,
                    .form(
                        .method(.post), .action(SiteURL.assemblyProxy(m.number).path), Layout.csrfField(c.csrf),
                        .p(
                            .text(
                                "Cannot come? Give a written proxy to another member, who votes for you. It ends if you come, or when you revoke it."
                            )),
                        Layout.field("Member number of the member who will hold your proxy", name: "holder", type: .number),
                        .button(.type(.submit), .text("Give my proxy")))))
        }

        static func steward(_ m: Model, _ c: Layout.Context) -> Node<HTML.BodyContext> {
            .section(
                .class("card"),
                .h2("For the steward"),
                .if(
                    m.status == .convened,
                    .form(
                        .method(.post), .action(SiteURL.assemblyOpen(m.number).path), Layout.csrfField(c.csrf),
                        .button(.type(.submit), .text("Open the assembly for check-in")))),
                .if(
                    m.status == .open,
                    .form(
                        .method(.post), .action(SiteURL.assemblyCheckIn(m.number).path), Layout.csrfField(c.csrf),
                        Layout.field("Check-in code of the member at the desk", name: "code"),
                        .button(.type(.submit), .text("Check in")))),
                .if(
                    m.status == .open,
                    .group(
                        .form(
                            .method(.post), .action(SiteURL.assemblyTeller(m.number).path), Layout.csrfField(c.csrf),
                            Layout.field(
                                t("Member number of a teller (a member checked in in the room)"), name: "member", id: "teller-member"),
                            .button(.type(.submit), .text(t("Appoint as teller")))),
                        .form(
                            .method(.post), .action(SiteURL.assemblyClose(m.number).path), Layout.csrfField(c.csrf),
                            .p(
                                .text(
                                    t(
                                        "Closing the assembly ends it: proposals on the agenda it did not vote on go back to an online vote."
                                    ))),
                            .button(.class("danger"), .type(.submit), .text(t("Close the assembly")))))))
        }

        /// The paper ballots of an item being voted on, in words.
        static func paperLine(_ i: Model.Item) -> String {
            t(
                "Voting is open, online and on paper: %1$s paper ballots handed out, %2$s entered, %3$s spoilt.", num(i.paper.issued),
                num(i.paper.counted), num(i.paper.spoilt))
        }

        /// A teller's forms for an item being voted on: hand out paper ballots, enter a batch.
        static func tellerForms(_ i: Model.Item, _ m: Model, _ c: Layout.Context) -> Node<HTML.BodyContext> {
            .div(
                .class("teller"),
                .form(
                    .method(.post), .action(SiteURL.assemblyPaper(m.number).path), Layout.csrfField(c.csrf),
                    .input(.type(.hidden), .name("proposal"), .value(String(i.number))),
                    Layout.field(t("Check-in code of the member taking paper ballots"), name: "code", id: "paper-code-\(i.number)"),
                    .button(
                        .type(.submit), .text(t("Hand out paper ballots on #%s (one per vote the member carries)", String(i.number))))),
                .form(
                    .method(.post), .action(SiteURL.assemblyPaperBatch(m.number).path), Layout.csrfField(c.csrf),
                    .input(.type(.hidden), .name("proposal"), .value(String(i.number))),
                    .div(
                        .class("field"),
                        .label(.for("batch-\(i.number)"), .text(t("A batch of paper ballots on #%s, one line each", String(i.number)))),
                        .textarea(.id("batch-\(i.number)"), .name("ballots"), .attribute(named: "rows", value: "5"), .required(true)),
                        .small(.text(batchHelp(i)))),
                    .button(.type(.submit), .text(t("Enter this batch")))))
        }

        /// How a line of a batch is written for the item's method.
        static func batchHelp(_ i: Model.Item) -> String {
            let example: String
            switch i.method {
            case .majority, nil: example = t("yes, no or abstain; \"12 x yes\" for twelve alike")
            case .approval: example = t("the options approved, separated by commas")
            case .score: example = t("option=score, separated by commas")
            default: example = t("the options in order of preference, separated by >")
            }
            let options = i.method == .majority ? "" : " " + t("Options: %s.", i.options.joined(separator: "; "))
            return t("Each line: %s. \"spoilt\" for a slip that cannot be read. A second teller enters the same batch.", example)
                + options
        }
    }
}

extension AssemblyStatus {
    /// The status in words.
    var label: String {
        switch self {
        case .convened: "Convened"
        case .open: "In session"
        case .closed: "Closed"
        }
    }
}

enum AssemblyListView {
    static func render(_ rows: [AssemblyList.Row], canConvene: Bool, layout c: Layout.Context) -> PageResponse {
        Layout.page(
            c,
            .p("General assemblies: members decide together, in person, online and by proxy."),
            .if(canConvene, .p(.a(.href(SiteURL.newAssembly.path), .text("Convene an assembly")))),
            rows.isEmpty
                ? .p("No assembly has been convened yet.")
                : .table(
                    .id("assemblies"),
                    .thead(.tr(.th("Assembly"), .th("When"), .th("Status"))),
                    .tbody(
                        .forEach(rows) { r in
                            .tr(
                                .td(.a(.href(SiteURL.assembly(r.number).path), .text("#\(r.number) \(r.title)"))),
                                .td(.text(Layout.date(r.startsAt))), .td(.text(r.status.label)))
                        })))
    }

    static func form(noticeDays: Int, proposals: [(Int, String)], layout c: Layout.Context, error: String?) -> PageResponse {
        Layout.page(
            c,
            Layout.error(error),
            .p(.text("The bylaws require \(noticeDays) days' notice. Every member is told, and the convocation goes on the audit log.")),
            .form(
                .method(.post), .action(SiteURL.assemblies.path), Layout.csrfField(c.csrf),
                Layout.field("Title", name: "title"),
                Layout.field("When (UTC)", name: "starts_at", type: .datetimeLocal),
                Layout.field("Place (leave blank if only online)", name: "place", required: false),
                Layout.field("Online link (leave blank if only in person)", name: "online", required: false),
                Layout.field("Proposals on the agenda: their numbers in order, separated by commas", name: "agenda"),
                .button(.type(.submit), .text("Convene and notify every member"))),
            .h2("Proposals"),
            .ul(.forEach(proposals) { n, title in .li(.text("#\(n): \(title)")) }))
    }
}
