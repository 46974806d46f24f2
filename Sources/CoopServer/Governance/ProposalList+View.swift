import CoopCore
import CoopStore
import Plot
import Vapor

extension ProposalList {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            return Layout.page(
                c,
                .p(
                    .text("Members propose, discuss and vote; a passed proposal changes the platform by itself after its timelock. "),
                    .if(c.user != nil, .a(.href(SiteURL.newProposal.path), .text("Make a proposal")))),
                model.proposals.isEmpty
                    ? .p("No proposals yet.")
                    : .table(
                        .id("proposals"),
                        .thead(.tr(.th("#"), .th("Proposal"), .th("Kind"), .th("Status"), .th("Voting"))),
                        .tbody(
                            .forEach(model.proposals) { p in
                                .tr(
                                    .td(.text(String(p.number))),
                                    .td(.a(.href(SiteURL.proposal(p.number).path), .text(p.title))),
                                    .td(.text(p.kind.rawValue.replacingOccurrences(of: "_", with: " "))),
                                    .td(.text(ProposalPage.describe(p.status))),
                                    .td(.text("\(Layout.date(p.votingOpensAt)) to \(Layout.date(p.votingClosesAt))")))
                            })))
        }
    }
}
