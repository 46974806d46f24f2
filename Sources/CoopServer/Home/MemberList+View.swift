import CoopCore
import CoopStore
import Plot
import Vapor

extension MemberList {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            let bylaws = model.bylaws
            let countTable: Node<HTML.BodyContext> = .table(
                .id("counts"),
                .thead(.tr(.th(.text(t("Class"))), .th(.class("num"), .text(t("Members"))))),
                .tbody(
                    .forEach(bylaws.classes) { cls in
                        .tr(
                            .td(.attribute(named: "lang", value: c.coopLanguage), .text(cls.name)),
                            .td(.class("num"), .text(num(model.counts[cls.id] ?? 0))))
                    }))
            guard let rows = model.register else {
                return Layout.page(
                    c, countTable,
                    .p(.class("notice"), .text(t("The register of names is open to members only; the public sees counts."))))
            }
            return Layout.page(
                c, countTable,
                .h2(.text(t("Register"))),
                .table(
                    .id("register"),
                    .thead(
                        .tr(
                            .th(.text(t("No."))), .th(.text(t("Name"))), .th(.text(t("Class"))), .th(.class("num"), .text(t("Shares"))),
                            .th(.text(t("Admitted"))), .th(.text(t("Role"))))),
                    .tbody(
                        .forEach(rows) { r in
                            .tr(
                                .td(.text(String(r.memberNumber))), .td(.element(named: "bdi", nodes: [.text(r.name)])),
                                .td(
                                    .attribute(named: "lang", value: c.coopLanguage),
                                    .text(bylaws.stakeholderClass(r.classID)?.name ?? r.classID)),
                                .td(.class("num"), .text(num(r.shares))),
                                .td(.text(r.admittedAt.map(Layout.date) ?? "")), .td(.text(r.steward ? t("steward") : "")))
                        })))
        }
    }
}
