import CoopCore
import CoopStore
import Foundation
import Plot

/// The result of a closed vote: participation, quorum and threshold, the rounds, and an SVG chart.
enum ResultView {
    static func section(_ p: ProposalRecord, outcome o: ProposalOutcome, frozen: FrozenRules?) -> Node<HTML.BodyContext> {
        let r = o.result
        let rules = frozen?.rules
        let percent = o.eligible > 0 ? Double(o.participation * 1000 / o.eligible) / 10 : 0
        var bars: [(String, Double)] = []
        if let last = r.rounds.last {
            bars = last.tally.map { ($0.key, Double($0.value) ?? 0) }
        } else if let totals = r.totals {
            bars = totals.map { ($0.key, Double($0.value)) }
        }
        bars.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return .section(
            .id("result"),
            .h2(.text(t("Result"))),
            .p(.strong(.id("outcome"), .text(o.passed ? t("Passed") : t("Not passed")))),
            .ul(
                .li(
                    .text(
                        t("Participation: %1$s of %2$s eligible members (%3$s%%).", num(o.participation), num(o.eligible), String(percent)))
                ),
                .li(
                    .text(
                        o.quorumMet
                            ? t("Quorum %s: met.", rules.map { "\($0.quorum)" } ?? "")
                            : t("Quorum %s: not met.", rules.map { "\($0.quorum)" } ?? ""))),
                .if(
                    rules?.method == .majority,
                    .li(
                        .text(
                            o.thresholdMet
                                ? t("Threshold: more than %s of yes + no: met.", rules.map { "\($0.threshold)" } ?? "")
                                : t("Threshold: more than %s of yes + no: not met.", rules.map { "\($0.threshold)" } ?? "")))),
                .li(
                    .text(
                        r.winners.count == 1
                            ? t("Winner: %s.", r.winners.joined(separator: ", ")) : t("Winners: %s.", r.winners.joined(separator: ", ")))),
                .forEach(r.ties) { tie in
                    .li(
                        .text(
                            tie.rule == "lot"
                                ? t(
                                    "Tie in round %1$s (%2$s) among %3$s: %4$s chosen by lot (seeded with the proposal's id).",
                                    String(tie.round),
                                    tie.decision, tie.among.joined(separator: ", "), tie.chosen)
                                : t(
                                    "Tie in round %1$s (%2$s) among %3$s: %4$s chosen by the earlier round's totals.", String(tie.round),
                                    tie.decision, tie.among.joined(separator: ", "), tie.chosen)))
                }),
            .unwrap(r.totals) { totals in
                .table(
                    .class("totals"),
                    .thead(.tr(.th(.text(t("Option"))), .th(.class("num"), .text(t("Votes"))))),
                    .tbody(
                        .forEach(totals.sorted { $0.value > $1.value }) { k, v in .tr(.td(.text(k)), .td(.class("num"), .text(String(v)))) }
                    ))
            },
            .if(!r.rounds.isEmpty, roundsTable(r)),
            .raw(chart(bars)),
            .p(.a(.href(SiteURL.proposalBulletin(p.number).path), .text(t("Bulletin board: every ballot, to check yours and recount")))))
    }

    static func roundsTable(_ r: TallyResult) -> Node<HTML.BodyContext> {
        let names = r.rounds.first.map { Array($0.tally.keys).sorted() } ?? []
        return .table(
            .id("rounds"),
            .thead(
                .tr(.th(.text(t("Candidate"))), .forEach(r.rounds.indices) { .th(.class("num"), .text(t("Round %s", String($0 + 1)))) })),
            .tbody(
                .forEach(names) { name in
                    .tr(.td(.text(name)), .forEach(r.rounds) { round in .td(.class("num"), .text(round.tally[name] ?? "")) })
                },
                .tr(.td(.text(t("Exhausted"))), .forEach(r.rounds) { .td(.class("num"), .text($0.exhausted)) }),
                .tr(
                    .td(.text(t("Outcome"))),
                    .forEach(r.rounds) { round in
                        .td(
                            .text(
                                (round.elected.map { t("elected %s", $0) } + round.eliminated.map { t("out: %s", $0) }).joined(
                                    separator: "; ")))
                    })))
    }

    /// A horizontal bar chart as inline SVG, escaped, with a text alternative.
    static func chart(_ bars: [(String, Double)]) -> String {
        guard let top = bars.map(\.1).max(), top > 0 else { return "" }
        let rowHeight = 28
        let width = 640
        let labelWidth = 220
        let height = bars.count * rowHeight + 10
        var svg =
            "<svg class=\"chart\" role=\"img\" aria-label=\"Votes in the final count\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight + 5
            let w = Int(Double(width - labelWidth - 80) * bar.1 / top)
            svg += "<text x=\"0\" y=\"\(y + 18)\" font-size=\"14\">\(escape(String(bar.0.prefix(30))))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(max(w, 1))\" height=\"18\" fill=\"#1f5c46\"></rect>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 18)\" font-size=\"14\">\(escape(format(bar.1)))</text>"
        }
        return "<div class=\"chart-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Votes in the final count\">" + svg + "</svg></div>"
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int64(v)) : String(format: "%.2f", v)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
