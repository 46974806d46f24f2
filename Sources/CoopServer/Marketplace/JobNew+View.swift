import CoopCore
import Foundation
import Plot

extension JobNew {
    /// The form; `error` is why the last attempt was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        let rules = m.rules
        let (fee, minimum) = (m.fee, m.minimum)
        return Layout.page(
            c, status: error == nil ? .ok : .unprocessableEntity,
            Layout.error(error),
            .p(
                .text(
                    t(
                        "Instead of choosing a listing, describe the job. The dispatcher ranks the available worker-members by the weights the members set (fair share of recent work %1$s, distance %2$s, skills %3$s, rating %4$s) and offers it to one at a time, for %5$s minutes each.",
                        String(rules.weights.fairShare), String(rules.weights.distance), String(rules.weights.skills),
                        rules.ratingsCount ? String(rules.weights.rating) : t("not counted"), num(rules.offerMinutes)))),
            .p(.text(t("The budget must pay at least %1$s an hour after the co-op's %2$s fee.", money(minimum), MarketText.percent(fee)))),
            .form(
                .id("job"), .method(.post), .action(SiteURL.jobs.path),
                Layout.csrfField(c.csrf),
                .div(
                    .class("field"), .label(.for("category"), .text(t("Category"))),
                    .select(
                        .id("category"), .attribute(named: "name", value: "category"),
                        .forEach(m.categories) {
                            ListingPages.option(
                                $0, $0.replacingOccurrences(of: "_", with: " "), selected: Layout.shown("category") == $0, asWritten: true)
                        })),
                Layout.field(t("What needs doing"), name: "title", minLength: 3),
                .div(
                    .class("field"), .label(.for("description"), .text(t("Details (optional)"))),
                    .textarea(
                        .id("description"), .name("description"), .attribute(named: "rows", value: "3"), .text(Layout.shown("description")))
                ),
                Layout.field(t("Skills asked for, comma-separated (optional)"), name: "skills", required: false),
                Layout.field(t("When (UTC, optional)"), name: "when", type: .datetimeLocal, required: false),
                ListingForm.areaField(m.areas, selected: Layout.shown("areaID")),
                Layout.field(t("Budget, the whole price (%s)", m.currency.code), name: "budget"),
                Layout.field(t("Minutes it should take"), name: "estimatedMinutes", type: .number, value: "60"),
                .button(.type(.submit), .text(t("Post the job")))))
    }
}
