import Foundation
import Plot

extension OpenDataShow {
    struct View {
        let model: Model

        /// A dataset's title in the page's language (the files keep the English).
        static func title(_ d: OpenData.Dataset) -> String {
            switch d.id {
            case "orders-by-category-week": t("Orders and earnings by category and week")
            case "fee-history": t("Platform fee history")
            case "votes": t("Vote participation and results")
            case "periods": t("Fiscal periods")
            default: d.title
            }
        }

        /// A dataset's description in the page's language.
        static func description(_ d: OpenData.Dataset) -> String {
            switch d.id {
            case "orders-by-category-week":
                t(
                    "Orders completed each week (weeks start on Monday, UTC) in each category: how many, the workers and customers taking part, what customers paid, what workers earned and the fees. Withheld where fewer workers or fewer customers than the threshold took part."
                )
            case "fee-history": t("Every value of the platform fee, from when it took effect, and the proposal that set it.")
            case "votes":
                t(
                    "Every proposal that has been voted on: eligible members, ballots counted, turnout, and the result. Withheld where fewer members voted than the threshold."
                )
            case "periods":
                t(
                    "Each fiscal period's revenue, fees, expenses, surplus, reserve and dividends in total. Dividends are withheld where fewer members than the threshold received one."
                )
            default: d.description
            }
        }

        var body: Node<HTML.BodyContext> {
            .group(
                .p(
                    .text(
                        t(
                            "Aggregates of the co-op's activity, free to download and reuse. Any group describing fewer than %s people (the governed open_data_privacy_threshold) is published with its figures withheld and marked suppressed.",
                            String(model.threshold))
                    )),
                .ul(
                    .id("datasets"),
                    .forEach(model.datasets) { d in
                        .li(
                            .attribute(named: "data-dataset", value: d.id), .strong(.text(Self.title(d))),
                            .text(": "), .span(.text(Self.description(d))), .text(" "),
                            .a(.href(SiteURL.openDataFile(d.id + ".csv").path), .text(tc("data format", "CSV"))), .text(" · "),
                            .a(.href(SiteURL.openDataFile(d.id + ".json").path), .text(tc("data format", "JSON"))))
                    }))
        }
    }
}
