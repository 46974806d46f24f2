import CoopCore
import CoopStore
import Plot
import Vapor

/// The form to apply to join: the stakeholder classes, their shares and how each admits.
enum MembershipJoin {
    struct Model {
        let bylaws: Bylaws
    }

    enum View {
        static func render(_ model: Model, layout c: Layout.Context, error: String?) -> PageResponse {
            return Layout.page(
                c,
                Layout.error(error),
                .p(.text(t("Choose the stakeholder class you belong to. Each member holds the required shares and has one vote."))),
                .form(
                    .method(.post), .action(SiteURL.join.path),
                    Layout.csrfField(c.csrf),
                    .fieldset(
                        .element(named: "legend", text: t("Class")),
                        .forEach(model.bylaws.classes) { cls in
                            .div(
                                .class("field"),
                                .input(.type(.radio), .name("class"), .id("class-\(cls.id)"), .value(cls.id)),
                                .label(
                                    .for("class-\(cls.id)"),
                                    .strong(.attribute(named: "lang", value: c.coopLanguage), .text(cls.name)),
                                    .text(" — "),
                                    .unwrap(cls.description.isEmpty ? nil : cls.description) {
                                        .span(.attribute(named: "lang", value: c.coopLanguage), .text($0 + " "))
                                    },
                                    .text(
                                        tn(
                                            "%1$d share at %2$s, total %3$s.", "%1$d shares at %2$s, total %3$s.", cls.sharesRequired,
                                            money(cls.sharePrice), money(cls.requiredPayment)) + " "
                                            + t("Admission: %s.", HomePages.describe(cls.admission)))))
                        }),
                    .button(.type(.submit), .text(t("Apply")))
                ))
        }
    }
}
