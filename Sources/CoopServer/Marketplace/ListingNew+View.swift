import CoopCore
import Foundation
import Plot

extension ListingNew {
    /// The form; `error` is why the last attempt was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        Layout.page(
            c,
            Layout.error(error),
            .p(
                .text(
                    t(
                        "The co-op keeps %1$s of each order; after it, a service must pay you at least %2$s an hour (the minimum pay the members set).",
                        MarketText.percent(m.fee), money(m.minimum))
                )),
            .form(
                .id("listing-form"), .method(.post), .action(SiteURL.listings.path),
                Layout.csrfField(c.csrf),
                ListingForm.fields(m.values, categories: m.categories, areas: m.areas, currency: m.currency, editing: false),
                .p(.class("hint"), .text(t("You can add photos once it is listed."))),
                .button(.type(.submit), .text(t("List it"))))
        )
    }
}
