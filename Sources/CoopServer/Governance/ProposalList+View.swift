import CoopCore
import CoopStore
import Plot
import Vapor

extension ProposalList {
    enum View {
        static func kindName(_ kind: ProposalKind) -> String {
            ProposalNew.proposable.first { $0.kind == kind }?.name
                ?? (kind == .admission ? "Admission of a member" : PolicyWords.words(kind.rawValue))
        }

        static func tone(_ status: ProposalStatus) -> String {
            switch status {
            case .discussion: "info"
            case .voting: "act"
            case .passed: "wait"
            case .enacted: "ok"
            case .failed, .notEnacted: "bad"
            }
        }

        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            return Layout.page(
                c,
                .p(
                    .text(t("Members propose, discuss and vote; a passed proposal changes the platform by itself after its timelock. ")),
                    .if(c.user != nil, .a(.href(SiteURL.newProposal.path), .text(t("Make a proposal"))))),
                model.proposals.isEmpty
                    ? .p(.text(t("No proposals yet.")))
                    : .table(
                        .id("proposals"),
                        .thead(
                            .tr(
                                .th("#"), .th(.text(t("Proposal"))), .th(.text(t("Kind"))), .th(.text(t("Status"))), .th(.text(t("Voting")))
                            )),
                        .tbody(
                            .forEach(model.proposals) { p in
                                .tr(
                                    .td(.attribute(named: "data-label", value: t("#")), .text(String(p.number))),
                                    .td(
                                        .attribute(named: "data-label", value: t("Proposal")),
                                        .a(
                                            .href(SiteURL.proposal(p.number).path),
                                            .attribute(named: "lang", value: p.language ?? c.coopLanguage), .text(p.title)),
                                        .if(
                                            p.id.map(model.awaitingVote.contains) == true,
                                            .group(.text(" "), Layout.badge(t("You have not voted"), "act")))),
                                    .td(.attribute(named: "data-label", value: t("Kind")), .text(kindName(p.kind))),
                                    .td(
                                        .attribute(named: "data-label", value: t("Status")),
                                        Layout.badge(ProposalPage.describe(p.status), tone(p.status))),
                                    .td(
                                        .attribute(named: "data-label", value: t("Voting")),
                                        .text(t("%1$s to %2$s", Layout.date(p.votingOpensAt), Layout.date(p.votingClosesAt)))))
                            })))
        }
    }
}
