import Plot

extension JobShow {
    /// The job page; `error` is why the last answer was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        let v = m.job
        return Layout.page(
            c, Layout.error(error), JobPages.summary(v, currency: m.currency, coopLanguage: c.coopLanguage),
            .if(
                !v.actions.isEmpty, .div(.id("answer"), .group(v.actions.map { JobPages.answerForm($0, number: v.number, csrf: c.csrf) }))),
            .unwrap(v.you) { JobPages.explanation($0) },
            .unwrap(v.notRanked) { .section(.id("why"), .h2(.text(t("Why not you"))), .p(.text($0))) },
            JobPages.ranking(v))
    }
}
