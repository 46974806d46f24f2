import CoopCore
import CoopStore
import Foundation
import Plot
import Vapor

extension AuditShow {
    enum View {
        /// Reads a top-level value of an entry's JSON payload as text.
        static func fields(_ payload: String) -> (String) -> String? {
            let object = (try? JSONDecoder().decode([String: CanonicalValue].self, from: Data(payload.utf8))) ?? [:]
            return { key in
                switch object[key] {
                case .string(let s): s
                case .int(let n): String(n)
                case .bool(let b): b ? "true" : "false"
                default: nil
                }
            }
        }

        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            return Layout.page(
                c,
                .p(
                    .text(
                        t(
                            "Every decision and every posted transaction, each entry chained to the one before by SHA-256. Anyone can check the chain with `coop audit verify`."
                        )
                    )),
                HomePages.auditHead(model.head, key: model.key, checkpoint: model.checkpoint),
                .table(
                    .id("audit"),
                    .thead(
                        .tr(
                            .th("#"), .th(.text(t("When"))), .th(.text(t("What happened"))), .th(.text(t("Details"))), .th(.text(t("Hash")))
                        )),
                    .tbody(
                        .forEach(model.entries) { e in
                            .tr(
                                .attribute(named: "data-kind", value: e.kind),
                                .td(.text(String(e.sequence))),
                                .td(.text(Layout.date(Date(timeIntervalSince1970: Double(e.timestampMillis) / 1000)))),
                                .td(.text(AuditWords.words(e.kind, field: fields(e.payload)).render(Lang.catalog))),
                                .td(
                                    .element(
                                        named: "details",
                                        nodes: [
                                            .element(
                                                named: "summary",
                                                nodes: [.text(tc("data format", "JSON") + " ("), .code(.text(e.kind)), .text(")")]),
                                            .pre(.class("hash"), .text(e.payload)),
                                        ])),
                                .td(.class("hash"), .text(String(e.hash.prefix(16)) + "…")))
                        })),
                .unwrap(model.entries.last.flatMap { $0.sequence > 1 ? $0.sequence : nil }) {
                    .p(.a(.href(SiteURL.audit.path + "?before=\($0)"), .text(t("Older entries"))))
                })
        }
    }
}
