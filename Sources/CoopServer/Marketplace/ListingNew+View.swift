import CoopCore
import Foundation
import Plot

extension ListingNew {
    /// The form; `error` is why the last attempt was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        let option = ListingPages.option
        return Layout.page(
            c,
            Layout.error(error),
            .p(
                .text(
                    "The co-op keeps \(m.fee) of each order; after it, a service must pay you at least \(m.minimum) an hour (the minimum pay the members set)."
                )),
            .form(
                .method(.post), .action(SiteURL.listings.path),
                Layout.csrfField(c.csrf),
                .div(
                    .class("field"), .label(.for("kind"), .text("What")),
                    .select(
                        .id("kind"), .attribute(named: "name", value: "kind"), option("service", "A service", false),
                        option("good", "A good", false))
                ),
                Layout.field("Title", name: "title"),
                .div(
                    .class("field"), .label(.for("description"), .text("Description")),
                    .textarea(.id("description"), .name("description"), .attribute(named: "rows", value: "4"))),
                .div(
                    .class("field"), .label(.for("category"), .text("Category")),
                    .select(
                        .id("category"), .attribute(named: "name", value: "category"),
                        .forEach(m.categories) { cat in option(cat, cat.replacingOccurrences(of: "_", with: " "), false) })),
                .div(
                    .class("field"), .label(.for("unit"), .text("Priced")),
                    .select(
                        .id("unit"), .attribute(named: "name", value: "unit"), option("per_hour", "by the hour (service)", false),
                        option("fixed", "at a fixed price (service)", false), option("per_item", "by the item (good)", false))),
                Layout.field("Price (\(m.currency))", name: "price"),
                Layout.field("Minutes it takes (fixed-price services)", name: "estimatedMinutes", type: .number, required: false),
                Layout.field("Stock (goods)", name: "stock", type: .number, required: false),
                Layout.field("Area (optional)", name: "area", required: false),
                Layout.field("Latitude (optional)", name: "latitude", required: false),
                Layout.field("Longitude (optional)", name: "longitude", required: false),
                .button(.type(.submit), .text("List it")))
        )
    }
}
