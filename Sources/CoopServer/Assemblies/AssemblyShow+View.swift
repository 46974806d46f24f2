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
                    .dt(.text(t("When"))), .dd(.text(Layout.date(m.startsAt))),
                    .if(
                        !m.place.isEmpty,
                        .group(.dt(.text(t("Where"))), .dd(.attribute(named: "lang", value: c.coopLanguage), .text(m.place)))),
                    .if(
                        !m.online.isEmpty,
                        .group(.dt(.text(t("Online"))), .dd(.attribute(named: "translate", value: "no"), .text(m.online)))),
                    .dt(.text(t("Notice given"))), .dd(.text(tn("%d day", "%d days", m.noticeDays)))),
                .p(.a(.href(SiteURL.assemblyMinutes(m.number).path), .text(t("Minutes of this assembly")))),
                .h2(.text(t("Agenda"))),
                .ol(
                    .id("agenda"),
                    .forEach(m.agenda) { i in
                        .li(
                            .a(.href(SiteURL.proposal(i.number).path), .text(t("Proposal #%1$s: %2$s", String(i.number), i.title))),
                            .text(" "),
                            Layout.badge(ProposalPage.describe(i.status)),
                            .unwrap(i.opened) { c in
                                .p(
                                    .class("item-opened"),
                                    .text(
                                        t(
                                            "Opened for voting with %1$s of %2$s members counted (%3$s in person, %4$s online, %5$s by proxy); quorum %6$s met.",
                                            num(c.counted), num(c.eligible), num(c.inPerson), num(c.online), num(c.byProxy),
                                            i.quorum?.description ?? "")))
                            },
                            .if(i.voting, .p(.class("item-voting"), .text(paperLine(i)))),
                            .unwrap(i.waitingBatch) { who in
                                .p(.class("notice"), .text(t("A batch entered by %s waits for a second teller's count.", who)))
                            },
                            .unwrap(i.result) { r in .p(.class("item-result"), .strong(.text(t("Result: %s", r)))) },
                            .if(m.isTeller && i.voting, tellerForms(i, m, c)),
                            .if(
                                (m.isSteward || m.isTeller) && m.status != .closed
                                    && (i.voting || (i.opened == nil && i.status == .discussion)),
                                slipsForm(i, m, c)),
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
                                    .button(.type(.submit), .text(t("Open proposal #%s for voting", String(i.number)))))))
                    }),
                .h2(.text(t("Attendance"))),
                .table(
                    .id("attendance"),
                    .thead(
                        .tr(
                            .th(.text(t("In person"))), .th(.text(t("Online"))), .th(.text(t("By proxy"))), .th(.text(t("Counted"))),
                            .th(.text(t("Members"))))),
                    .tbody(
                        .tr(
                            .td(.text(String(m.count.inPerson))), .td(.text(String(m.count.online))), .td(.text(String(m.count.byProxy))),
                            .td(.text(String(m.count.counted))), .td(.text(String(m.count.eligible)))))),
                .p(
                    .small(
                        .text(
                            tn(
                                "A member may hold at most %d proxy. A proxy counts when its holder is present.",
                                "A member may hold at most %d proxies. A proxy counts when its holder is present.", m.proxyCap)
                        ))),
                departures(m),
                .if(
                    !m.tellers.isEmpty,
                    .p(.id("tellers"), .text(t("Tellers: %s.", m.tellers.joined(separator: ", "))))),
                .unwrap(m.mine) { mine in yours(mine, m, c) },
                tellerDesk(m, c),
                .if(m.isSteward, steward(m, c)))
        }

        static func yours(_ mine: Model.Mine, _ m: Model, _ c: Layout.Context) -> Node<HTML.BodyContext> {
            .section(
                .class("card"),
                .h2(.text(t("You"))),
                .p(
                    .text(t("Your check-in code:") + " "),
                    .strong(.id("check-in-code"), .class("code"), .attribute(named: "translate", value: "no"), .text(mine.code)),
                    .text(" " + t("Show it at the desk; a steward types it to check you in."))),
                .if(
                    mine.presence == nil && m.status != .closed,
                    .unwrap(m.checkInLink.flatMap { try? QRCode($0) }) { qr in
                        .div(
                            .id("check-in-qr"),
                            .raw(qr.svg(label: t("Your check-in code as a QR code"))),
                            .p(
                                .small(
                                    .text(t("Or show this QR code: a steward's phone camera opens it and checks you in with one press.")))))
                    }),
                .unwrap(mine.presence) { p in
                    .p(.id("my-presence"), .text(p == .inPerson ? t("You are checked in in person.") : t("You are checked in online.")))
                },
                checkOut(mine, m, c),
                .if(
                    mine.presence == nil && m.status == .open && !m.online.isEmpty,
                    .form(
                        .method(.post), .action(SiteURL.assemblyCheckInOnline(m.number).path), Layout.csrfField(c.csrf),
                        .button(.type(.submit), .text(t("Check in online"))))),
                .if(
                    !mine.holding.isEmpty,
                    .p(.id("holding"), .text(t("You hold the proxies of: %s.", mine.holding.joined(separator: ", "))))),
                .unwrap(mine.gaveTo) { to in
                    .group(
                        .p(.id("gave-to"), .text(t("You gave your proxy to %s.", to))),
                        .if(
                            m.status != .closed,
                            .form(
                                .method(.post), .action(SiteURL.assemblyProxyRevoke(m.number).path), Layout.csrfField(c.csrf),
                                .button(.type(.submit), .text(t("Revoke my proxy"))))))
                },
                .if(
                    mine.gaveTo == nil && mine.presence == nil && mine.holding.isEmpty && m.status != .closed,
                    .form(
                        .method(.post), .action(SiteURL.assemblyProxy(m.number).path), Layout.csrfField(c.csrf),
                        .p(
                            .text(
                                t(
                                    "Cannot come? Give a written proxy to another member, who votes for you. It ends if you come, or when you revoke it."
                                )
                            )),
                        Layout.field(t("Member number of the member who will hold your proxy"), name: "holder", type: .number),
                        .button(.type(.submit), .text(t("Give my proxy"))))))
        }

        static func steward(_ m: Model, _ c: Layout.Context) -> Node<HTML.BodyContext> {
            .section(
                .class("card"),
                .h2(.text(t("For the steward"))),
                .if(
                    m.status == .convened,
                    .form(
                        .method(.post), .action(SiteURL.assemblyOpen(m.number).path), Layout.csrfField(c.csrf),
                        .button(.type(.submit), .text(t("Open the assembly for check-in"))))),
                .if(
                    m.status == .open,
                    .form(
                        .method(.post), .action(SiteURL.assemblyCheckIn(m.number).path), Layout.csrfField(c.csrf),
                        Layout.field(t("Check-in code of the member at the desk"), name: "code"),
                        .button(.type(.submit), .text(t("Check in"))))),
                deskCheckOut(m, c),
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

        /// The form that prints an item's paper ballot slips (stewards before the meeting, tellers in it).
        static func slipsForm(_ i: Model.Item, _ m: Model, _ c: Layout.Context) -> Node<HTML.BodyContext> {
            .form(
                .class("slips-form"), .method(.post), .action(SiteURL.assemblySlips(m.number).path), Layout.csrfField(c.csrf),
                .input(.type(.hidden), .name("proposal"), .value(String(i.number))),
                .div(
                    .class("field"),
                    .label(.for("slips-\(i.number)"), .text(t("Paper ballot slips to print for #%s", String(i.number)))),
                    .input(
                        .id("slips-\(i.number)"), .name("count"), .type(.number), .attribute(named: "min", value: "1"),
                        .attribute(named: "max", value: String(AssemblyStore.slipsPerPrint)), .value("20"), .required(true)),
                    .small(
                        .text(
                            t(
                                "On a secret vote each slip carries its own receipt code, which the member keeps to find their ballot on the bulletin board."
                            )))),
                .button(.type(.submit), .text(t("Print slips"))))
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
            let marks =
                i.secret
                ? t("A slip's receipt code goes first: \"ABCDE-FGHJK: yes\".")
                : t("An open vote: each line begins with the member number written on the slip, \"#12: yes\".")
            return t("Each line: %s. \"spoilt\" for a slip that cannot be read. A second teller enters the same batch.", example)
                + options + " " + marks
        }
    }
}

extension AssemblyStatus {
    /// The status in words.
    var label: String {
        switch self {
        case .convened: t("Convened")
        case .open: t("In session")
        case .closed: t("Closed")
        }
    }
}

enum AssemblyListView {
    static func render(_ rows: [AssemblyList.Row], canConvene: Bool, layout c: Layout.Context) -> PageResponse {
        Layout.page(
            c,
            .p(.text(t("General assemblies: members decide together, in person, online and by proxy."))),
            .if(canConvene, .p(.a(.href(SiteURL.newAssembly.path), .text(t("Convene an assembly"))))),
            rows.isEmpty
                ? .p(.text(t("No assembly has been convened yet.")))
                : .table(
                    .id("assemblies"),
                    .thead(.tr(.th(.text(t("Assembly"))), .th(.text(t("When"))), .th(.text(t("Status"))))),
                    .tbody(
                        .forEach(rows) { r in
                            .tr(
                                .td(
                                    .a(
                                        .href(SiteURL.assembly(r.number).path),
                                        .element(named: "bdi", nodes: [.text("#\(num(r.number)) \(r.title)")]))),
                                .td(.text(Layout.date(r.startsAt))), .td(.text(r.status.label)))
                        })))
    }

    static func form(noticeDays: Int, proposals: [(Int, String)], layout c: Layout.Context, error: String?) -> PageResponse {
        Layout.page(
            c,
            Layout.error(error),
            .p(
                .text(
                    tn(
                        "The bylaws require %d day's notice. Every member is told, and the convocation goes on the audit log.",
                        "The bylaws require %d days' notice. Every member is told, and the convocation goes on the audit log.", noticeDays))
            ),
            .form(
                .method(.post), .action(SiteURL.assemblies.path), Layout.csrfField(c.csrf),
                Layout.field(t("Title"), name: "title"),
                Layout.field(t("When (UTC)"), name: "starts_at", type: .datetimeLocal),
                Layout.field(t("Place (leave blank if only online)"), name: "place", required: false),
                Layout.field(t("Online link (leave blank if only in person)"), name: "online", required: false),
                Layout.field(t("Proposals on the agenda: their numbers in order, separated by commas"), name: "agenda"),
                .button(.type(.submit), .text(t("Convene and notify every member")))),
            .h2(.text(t("Proposals"))),
            .ul(.forEach(proposals) { n, title in .li(.text("#\(n): "), .element(named: "bdi", nodes: [.text(title)])) }))
    }
}
