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
                    "Instead of choosing a listing, describe the job. The dispatcher ranks the available worker-members by the weights the"
                        + " members set (fair share of recent work \(rules.weights.fairShare), distance \(rules.weights.distance),"
                        + " skills \(rules.weights.skills), rating \(rules.ratingsCount ? String(rules.weights.rating) : "not counted"))"
                        + " and offers it to one at a time, for \(rules.offerMinutes) minutes each.")),
            .p(.text("The budget must pay at least \(minimum) an hour after the co-op's \(fee) fee.")),
            .form(
                .id("job"), .method(.post), .action(SiteURL.jobs.path),
                Layout.csrfField(c.csrf),
                .div(
                    .class("field"), .label(.for("category"), .text("Category")),
                    .select(
                        .id("category"), .attribute(named: "name", value: "category"),
                        .forEach(m.categories) {
                            ListingPages.option($0, $0.replacingOccurrences(of: "_", with: " "), selected: Layout.shown("category") == $0)
                        })),
                Layout.field("What needs doing", name: "title", minLength: 3),
                .div(
                    .class("field"), .label(.for("description"), .text("Details (optional)")),
                    .textarea(
                        .id("description"), .name("description"), .attribute(named: "rows", value: "3"), .text(Layout.shown("description")))
                ),
                Layout.field("Skills asked for, comma-separated (optional)", name: "skills", required: false),
                Layout.field("When (UTC, optional)", name: "when", type: .datetimeLocal, required: false),
                ListingForm.areaField(m.areas, selected: Layout.shown("areaID")),
                Layout.field("Budget, the whole price (\(m.currency))", name: "budget"),
                Layout.field("Minutes it should take", name: "estimatedMinutes", type: .number, value: "60"),
                .button(.type(.submit), .text("Post the job"))))
    }
}
