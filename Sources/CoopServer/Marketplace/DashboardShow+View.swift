import Foundation
import Plot

extension DashboardShow {
    /// The dashboard; `error` is why the last form on it was refused, if it was.
    static func render(_ d: Model, _ c: Layout.Context, error: String?, hours: Hours.Model? = nil) -> PageResponse {
        Layout.page(
            c, Layout.error(error),
            .unwrap(d.worker) { JobPages.workerPart($0, csrf: c.csrf) },
            .unwrap(hours) { Hours.render($0, csrf: c.csrf) },
            .section(
                .id("my-jobs"), .h2("My job requests"), .p(.a(.href(SiteURL.newJob.path), .text("Ask for a job to be done"))),
                .ul(
                    .forEach(d.jobs) { j in
                        .li(.a(.href(SiteURL.job(j.number).path), .text("#\(j.number) \(j.title)")), .text(" — \(j.state)"))
                    })),
            .section(
                .id("my-orders"), .h2("My orders"),
                .if(d.orders.isEmpty, .p("No orders yet.")),
                .ul(
                    .forEach(d.orders) { o in
                        .li(
                            .a(.href(SiteURL.order(o.number).path), .text("#\(o.number) \(o.title)")),
                            .text(" — \(o.state.replacingOccurrences(of: "_", with: " ")), \(o.price), as \(o.role)"))
                    })))
    }
}
