import Plot

extension JobList {
    static func render(_ m: Model, _ c: Layout.Context) -> PageResponse {
        Layout.page(
            c, .p(.a(.href(SiteURL.newJob.path), .text(t("Ask for a job to be done")))),
            .if(m.jobs.isEmpty, .p(.text(t("You have posted no job requests.")))),
            .ul(
                .forEach(m.jobs) { j in
                    .li(
                        .a(.href(SiteURL.job(j.number).path), .element(named: "bdi", nodes: [.text("#\(j.number) \(j.title)")])),
                        .text(" — \(MarketText.jobState(j.state.rawValue))"))
                }
            ))
    }
}
