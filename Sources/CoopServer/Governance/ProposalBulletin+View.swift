import CoopCore
import CoopStore
import Plot
import Vapor

extension ProposalBulletin {
    /// The bulletin board as a page and as CSV, from its model.
    enum View {
        /// A receipt code the visitor looked for, as its hash, and whether a ballot has it.
        struct Search {
            let hash: String
            let found: Bool
        }

        static func render(_ model: Model, layout c: Layout.Context, search: Search? = nil) -> PageResponse {
            let (p, frozen, rows) = (model.proposal, model.frozen, model.rows)
            return Layout.page(
                c,
                .unwrap(search) { s in
                    s.found
                        ? .p(
                            .class("notice"), .id("find-result"), .attribute(named: "role", value: "status"),
                            .text(t("Your ballot is on the board, counted as shown in the marked row.")),
                            .text(" "), .a(.href("#my-ballot"), .text(t("Go to it."))))
                        : .p(
                            .class("error"), .id("find-result"), .attribute(named: "role", value: "alert"),
                            .text(
                                t(
                                    "No counted ballot has that receipt code. Check the code; a ballot you changed is counted under its newest code."
                                )
                            ))
                },
                .form(
                    .id("find-ballot"), .method(.post), .action(SiteURL.proposalBulletinFind(p.number).path),
                    Layout.csrfField(c.csrf),
                    Layout.field(t("Find my ballot: your receipt code"), name: "receipt"),
                    .button(.type(.submit), .text(t("Find my ballot")))),
                .p(
                    .text(
                        t(
                            "Every counted ballot, in random order, with the SHA-256 of its receipt code. Find yours with your receipt code below; recount with"
                        ) + " "
                    ),
                    .code(
                        .text(
                            "coop tally --method \(frozen.rules.method.rawValue)\(frozen.seats > 1 ? " --seats \(frozen.seats)" : "") bulletin.csv"
                        )),
                    .text(". "), .a(.href(SiteURL.proposalBulletinCSV(p.number).path), .text(t("Download the ballots (CSV)")))),
                .table(
                    .id("bulletin"),
                    .thead(.tr(.th(.text(t("Receipt hash"))), .th(.text(t("Ballot"))))),
                    .tbody(
                        .forEach(rows) { hash, content in
                            .tr(
                                .if(search?.hash == hash, .class("mine")), .if(search?.hash == hash, .id("my-ballot")),
                                .td(.class("hash"), .text(hash)), .td(.text(ProposalPage.line(content))))
                        })))
        }

        static func csv(_ model: Model) -> Response {
            let (p, frozen, rows) = (model.proposal, model.frozen, model.rows)
            var text = "# Coop proposal #\(p.number): \(p.title.replacingOccurrences(of: "\n", with: " "))\n"
            // Reserved seats go on the command line, shell-quoted: candidates' names have spaces.
            let reserve = (frozen.reservations ?? []).map { r in
                " --reserve '\(r.seats):\(ProposalPage.line(.ranking(r.candidates)).replacingOccurrences(of: "'", with: "'\\''"))'"
            }.joined()
            text +=
                "# method \(frozen.rules.method.rawValue), seats \(frozen.seats); count with: coop tally --method \(frozen.rules.method.rawValue)\(frozen.seats > 1 ? " --seats \(frozen.seats)" : "")\(reserve) --seed \(frozen.seed) FILE\n"
            for (_, content) in rows { text += ProposalPage.line(content) + "\n" }
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"proposal-\(p.number)-ballots.csv\"")
            return Response(status: .ok, headers: headers, body: .init(string: text))
        }
    }
}
