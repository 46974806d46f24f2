import CoopCore
import CoopStore
import Foundation
import Plot

extension ListingEdit {
    /// The page; `error` is why the last form on it was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        let editable = m.status == .active || m.status == .paused
        return Layout.page(
            c,
            Layout.error(error),
            .p(
                .id("listing-status"), .class("status-line"), .text(t("Status: ")),
                ListingPages.badge(m.status),
                .text(" · "), .a(.href(SiteURL.listing(m.id).path), .text(t("See it as customers do")))),
            .if(editable, statusForms(m, csrf: c.csrf)),
            .if(
                editable,
                .group(
                    .h2(.text(t("Text and terms"))),
                    .p(
                        .text(
                            t(
                                "The co-op keeps %1$s of each order; after it, a service must pay you at least %2$s an hour. Orders already placed keep the terms they were placed at.",
                                MarketText.percent(m.fee), money(m.minimum))
                        )),
                    .form(
                        .id("listing-form"), .method(.post), .action(SiteURL.editListing(m.id).path),
                        Layout.csrfField(c.csrf),
                        ListingForm.fields(
                            m.values, categories: m.categories, areas: m.areas, currency: m.currency, editing: true,
                            language: m.language ?? c.coopLanguage),
                        .button(.type(.submit), .text(t("Save changes")))),
                    photos(m, csrf: c.csrf, language: m.language ?? c.coopLanguage)))
        )
    }

    /// Pause or resume, and delete (which asks to be sure, and looks different).
    static func statusForms(_ m: Model, csrf: String) -> Node<HTML.BodyContext> {
        .div(
            .class("actions"),
            .form(
                .class("inline"), .method(.post), .action(SiteURL.listingStatus(m.id).path), Layout.csrfField(csrf),
                .input(.type(.hidden), .name("change"), .value(m.status == .paused ? "resume" : "pause")),
                .button(.type(.submit), .class("secondary"), .text(m.status == .paused ? t("Resume") : t("Pause")))),
            Layout.confirmForm(
                .listingStatus(m.id), csrf: csrf, id: "delete-listing", action: t("Delete this listing"),
                consequence: t("Yes, stop offering it for good (orders placed from it keep it)"),
                fields: .input(.type(.hidden), .name("change"), .value("delete"))))
    }

    /// The listing's photos, each with a delete button, and the upload form.
    static func photos(_ m: Model, csrf: String, language: String? = nil) -> Node<HTML.BodyContext> {
        .section(
            .id("photos"), .h2(.text(t("Photos"))),
            .p(
                .class("hint"),
                .text(
                    t(
                        "JPEG, PNG or WebP, up to %1$s MB each, at most %2$s photos. The first is the one search results show.",
                        num(PhotoRules.maxBytes / 1024 / 1024), num(PhotoRules.maxPerListing))
                )),
            .if(m.photos.isEmpty, .p(.text(t("No photos yet.")))),
            .ul(
                .class("photo-list"),
                .forEach(m.photos) { p in
                    .li(
                        .img(
                            .src(p.url), .alt(FastText.html(p.alt)), .attribute(named: "width", value: p.width.map(String.init)),
                            .attribute(named: "height", value: p.height.map(String.init))),
                        .span(.class("photo-alt"), .attribute(named: "lang", value: language), .text(p.alt)),
                        .form(
                            .method(.post), .action(SiteURL.photoDelete(p.id).path), Layout.csrfField(csrf),
                            .button(.type(.submit), .class("danger"), .text(t("Delete photo")))))
                }),
            .if(
                m.photos.count < PhotoRules.maxPerListing,
                .form(
                    .id("photo-form"), .method(.post), .action(SiteURL.listingPhotos(m.id).path),
                    .attribute(named: "enctype", value: "multipart/form-data"),
                    Layout.csrfField(csrf),
                    .div(
                        .class("field"), .label(.for("photo"), .text(t("Photo"))),
                        .input(
                            .id("photo"), .name("photo"), .type(.file), .required(true),
                            .attribute(named: "accept", value: "image/jpeg,image/png,image/webp"))),
                    Layout.field(t("What it shows (for people who cannot see it)"), name: "alt", required: false),
                    .button(.type(.submit), .text(t("Add photo"))))))
    }
}
