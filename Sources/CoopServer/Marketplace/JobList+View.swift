import Plot

extension JobList {
    static func render(_ m: Model, _ c: Layout.Context) -> PageResponse {
        Layout.page(
            c, .p(.a(.href(SiteURL.newJob.path), .text("Ask for a job to be done"))),
            .if(m.jobs.isEmpty, .p("You have posted no job requests.")),
            .ul(
                .forEach(m.jobs) { j in
                    .li(.a(.href(SiteURL.job(j.number).path), .text("#\(j.number) \(j.title)")), .text(" — \(j.state.rawValue)"))
                }
            ))
    }
}
