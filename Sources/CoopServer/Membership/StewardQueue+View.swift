import CoopCore
import CoopStore
import Plot
import Vapor

extension StewardQueue {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context, error: String?) -> PageResponse {
            let (bylaws, rows) = (model.bylaws, model.rows)
            func button(_ url: SiteURL, _ label: String) -> Node<HTML.BodyContext> {
                .form(.class("inline"), .method(.post), .action(url.path), Layout.csrfField(c.csrf), .button(.type(.submit), .text(label)))
            }
            return Layout.page(
                c,
                Layout.error(error),
                rows.isEmpty
                    ? .p("Nothing waits for a steward.")
                    : .table(
                        .id("queue"),
                        .thead(.tr(.th("Applicant"), .th("Class"), .th("Waiting for"), .th("Payment"), .th("Since"), .th("Action"))),
                        .tbody(
                            .forEach(rows) { r in
                                .tr(
                                    .attribute(named: "data-applicant", value: r.email),
                                    .td(.text("\(r.name) <\(r.email)>")),
                                    .td(.text(bylaws.stakeholderClass(r.classID)?.name ?? r.classID)),
                                    .td(.text(StewardPages.describe(r.status))),
                                    .td(
                                        .text(
                                            [r.amount, r.method.map(MembershipActions.describe(method:)), r.reference].compactMap { $0 }
                                                .filter { !$0.isEmpty }.joined(separator: " · "))
                                    ),
                                    .td(.text(Layout.date(r.since))),
                                    .td(
                                        .unwrap(r.paymentID) {
                                            .group(
                                                button(.stewardConfirmPayment($0), "Confirm payment received"),
                                                StewardPages.notReceivedForm(.stewardFailPayment($0), id: $0.uuidString, csrf: c.csrf))
                                        },
                                        .if(
                                            r.status == MembershipStatus.awaitingSteward.rawValue,
                                            .group(
                                                button(.stewardAdmit(r.membershipID), "Admit"),
                                                StewardPages.refuseButton(r.membershipID, name: r.name, csrf: c.csrf))),
                                        .if(r.status == MembershipStatus.awaitingVote.rawValue, .text("waits for a member vote"))))
                            })),
                .p(.a(.href(SiteURL.stewardFinances.path), "Finances: close fiscal periods, record expenses")),
                StewardPages.accounts(model.balances, currency: bylaws.currency))
        }
    }
}
