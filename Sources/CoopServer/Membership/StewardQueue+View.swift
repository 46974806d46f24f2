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
                    ? .p(.text(t("Nothing waits for a steward.")))
                    : .table(
                        .id("queue"),
                        .thead(
                            .tr(
                                .th(.text(t("Applicant"))), .th(.text(t("Class"))), .th(.text(t("Waiting for"))),
                                .th(.text(t("Payment"))), .th(.text(t("Since"))), .th(.text(t("Action"))))),
                        .tbody(
                            .forEach(rows) { r in
                                .tr(
                                    .attribute(named: "data-applicant", value: r.email),
                                    .td(.element(named: "bdi", nodes: [.text("\(r.name) <\(r.email)>")])),
                                    .td(
                                        .attribute(named: "lang", value: c.coopLanguage),
                                        .text(bylaws.stakeholderClass(r.classID)?.name ?? r.classID)),
                                    .td(.text(StewardPages.describe(r.status))),
                                    .td(
                                        .text(
                                            [r.amount.map { MarketText.amount($0, bylaws.currency) }, r.method.map(StewardPages.method)]
                                                .compactMap { $0 }
                                                .filter { !$0.isEmpty }.joined(separator: " · ")),
                                        .unwrap(r.reference.flatMap { $0.isEmpty ? nil : $0 }) {
                                            .group(.text(" · "), .span(.attribute(named: "translate", value: "no"), .text($0)))
                                        }
                                    ),
                                    .td(.text(Layout.date(r.since))),
                                    .td(
                                        .unwrap(r.paymentID) {
                                            .group(
                                                button(.stewardConfirmPayment($0), t("Confirm payment received")),
                                                StewardPages.notReceivedForm(.stewardFailPayment($0), id: $0.uuidString, csrf: c.csrf))
                                        },
                                        .if(
                                            r.status == MembershipStatus.awaitingSteward.rawValue,
                                            .group(
                                                button(.stewardAdmit(r.membershipID), t("Admit")),
                                                StewardPages.refuseButton(r.membershipID, name: r.name, csrf: c.csrf))),
                                        .if(r.status == MembershipStatus.awaitingVote.rawValue, .text(t("waits for a member vote")))))
                            })),
                .p(.a(.href(SiteURL.stewardFinances.path), .text(t("Finances: close fiscal periods, record expenses")))),
                StewardPages.accounts(model.balances, currency: bylaws.currency))
        }
    }
}
