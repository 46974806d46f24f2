import CoopCore
import CoopStore
import Foundation
import Plot

/// The fields of the form that lists a service or a good and of the one that edits it: the same
/// fields, filled from the listing, or from what was sent when it was refused.
enum ListingForm {
    /// What the fields show, as text: the listing's values (or none, for a new one), or, when the
    /// form is shown again after a refusal, what was typed (``Layout/shown(_:_:)``).
    struct Values {
        var kind = "service"
        var title = ""
        var description = ""
        var category = ""
        var unit = "per_hour"
        var price = ""
        var estimatedMinutes = ""
        var stock = ""
        var areaID = ""

        init() {}

        /// A stored listing's values.
        init(_ l: ListingRecord, currency: Currency) {
            kind = l.kind.rawValue
            title = l.title
            description = l.description
            category = l.category
            unit = l.unit.rawValue
            price = Money(minorUnits: l.priceMinor, currency: currency).decimalString
            estimatedMinutes = l.estimatedMinutes.map(String.init) ?? ""
            stock = l.stock.map(String.init) ?? ""
            areaID = l.areaID ?? ""
        }

        /// These values, with what was typed in their place when the form is shown again.
        var shown: Values {
            var v = self
            v.kind = Layout.shown("kind", kind)
            v.title = Layout.shown("title", title)
            v.description = Layout.shown("description", description)
            v.category = Layout.shown("category", category)
            v.unit = Layout.shown("unit", unit)
            v.price = Layout.shown("price", price)
            v.estimatedMinutes = Layout.shown("estimatedMinutes", estimatedMinutes)
            v.stock = Layout.shown("stock", stock)
            v.areaID = Layout.shown("areaID", areaID)
            return v
        }
    }

    /// The fields, filled with `v`; on an edit the kind is shown, not chosen (a listing stays a
    /// service or a good).
    /// `language`: that of the listing's text, when editing it (its `lang`).
    static func fields(
        _ values: Values, categories: [String], areas: [Area], currency: Currency, editing: Bool, language: String? = nil
    ) -> Node<HTML.FormContext> {
        func option(_ v: String, _ l: String, _ s: Bool, _ w: Bool = false) -> Node<HTML.SelectContext> {
            ListingPages.option(v, l, selected: s, asWritten: w)
        }
        let v = values.shown
        let kind = v.kind
        return .group(
            editing
                ? .group(
                    .p(.class("field"), .strong(.text(t("What: "))), .text(kind == "good" ? t("a good") : t("a service"))),
                    .input(.type(.hidden), .name("kind"), .value(FastText.html(kind))))
                : .div(
                    .class("field"), .label(.for("kind"), .text(t("What"))),
                    .select(
                        .id("kind"), .attribute(named: "name", value: "kind"), option("service", t("A service"), kind == "service"),
                        option("good", t("A good"), kind == "good"))),
            Layout.field(t("Title"), name: "title", value: v.title),
            .div(
                .class("field"), .label(.for("description"), .text(t("Description"))),
                .p(.class("hint"), .id("description-hint"), .text(t("A blank line starts a new paragraph."))),
                .textarea(
                    .id("description"), .name("description"), .attribute(named: "rows", value: "6"),
                    .attribute(named: "aria-describedby", value: "description-hint"), .attribute(named: "lang", value: language),
                    .text(v.description))),
            .div(
                .class("field"), .label(.for("category"), .text(t("Category"))),
                .select(
                    .id("category"), .attribute(named: "name", value: "category"),
                    .forEach(categories) { cat in
                        option(cat, cat.replacingOccurrences(of: "_", with: " "), cat == v.category, true)
                    })),
            .div(
                .class("field"), .label(.for("unit"), .text(t("Priced"))),
                .select(
                    .id("unit"), .attribute(named: "name", value: "unit"),
                    option("per_hour", t("by the hour (service)"), v.unit == "per_hour"),
                    option("fixed", t("at a fixed price (service)"), v.unit == "fixed"),
                    option("per_item", t("by the item (good)"), v.unit == "per_item"))),
            Layout.field(t("Price (%s)", currency.code), name: "price", value: v.price),
            Layout.field(
                t("Minutes it takes (fixed-price services only)"), name: "estimatedMinutes", type: .number, value: v.estimatedMinutes,
                required: false),
            Layout.field(t("Stock (goods only)"), name: "stock", type: .number, value: v.stock, required: false),
            areaField(areas, selected: v.areaID)
        )
    }

    /// The area, picked by name from the co-op's own list: nobody types a latitude or longitude.
    static func areaField(_ areas: [Area], selected: String) -> Node<HTML.FormContext> {
        func option(_ v: String, _ l: String, _ s: Bool, _ w: Bool = false) -> Node<HTML.SelectContext> {
            ListingPages.option(v, l, selected: s, asWritten: w)
        }
        return .div(
            .class("field"), .label(.for("areaID"), .text(t("Area"))),
            .if(
                areas.isEmpty,
                .p(.class("hint"), .text(t("The co-op has not named its areas yet (a bylaw amendment adds them).")))),
            .select(
                .id("areaID"), .attribute(named: "name", value: "areaID"), option("", t("No particular area"), selected.isEmpty),
                .forEach(areas) { a in option(a.id, a.name, a.id == selected, true) }))
    }
}
