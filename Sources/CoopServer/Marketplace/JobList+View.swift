import Plot

extension JobList {
    static func render(_ m: Model, _ c: Layout.Context) -> PageResponse {
        Layout.page(
            c, .p(.a(.href(SiteURL.newJob.path), .text(t("Ask for a job to be done")))),
            .if(m.jobs.isEmpty, .p(.text(t("You have posted no job requests.")))),
            .ul(
                .forEach(m.jobs) { j in
                    .li(
                        .a(
                            .href(SiteURL.job(j.number).path), .text("#\(j.number) "),
                            MarketText.written(j.title, language: j.language ?? c.coopLanguage)),
                        .text(" — \(MarketText.jobState(j.state.rawValue))"))
                }
            ))
    }
}
