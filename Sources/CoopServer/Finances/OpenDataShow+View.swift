import Foundation
import Plot

extension OpenDataShow {
    struct View {
        let model: Model

        var body: Node<HTML.BodyContext> {
            .group(
                .p(
                    .text(
                        "Aggregates of the co-op's activity, free to download and reuse. Any group describing fewer than \(model.threshold) people (the governed open_data_privacy_threshold) is published with its figures withheld and marked suppressed."
                    )),
                .ul(
                    .id("datasets"),
                    .forEach(model.datasets) { d in
                        .li(
                            .attribute(named: "data-dataset", value: d.id), .strong(.text(d.title)), .text(": \(d.description) "),
                            .a(.href(SiteURL.openDataFile(d.id + ".csv").path), "CSV"), .text(" · "),
                            .a(.href(SiteURL.openDataFile(d.id + ".json").path), "JSON"))
                    }))
        }
    }
}
