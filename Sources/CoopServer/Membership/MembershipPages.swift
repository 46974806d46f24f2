import CoopCore
import CoopStore
import Plot
import Vapor

/// The pages to apply, pay for shares, see one's membership, and withdraw.
enum MembershipPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.join, use: joinForm)
        routes.post(.join) { req async throws -> Response in
            try await formAction(req, retry: joinForm) {
                _ = try await MembershipActions.apply(req)
                return req.redirect(to: SiteURL.membership.path)
            }
        }
        routes.get(.membership) { req in try await show(req) }
        routes.post(.membershipPayment) { req async throws -> Response in
            try await formAction(req, retry: { try await show($0) }) {
                _ = try await MembershipActions.recordPayment(req)
                return req.redirect(to: SiteURL.membership.path)
            }
        }
        routes.post(.membershipWithdraw) { req async throws -> Response in
            try await formAction(req, retry: { try await show($0) }) {
                try requireConfirmation(req, t("Tick the box to confirm that you want to withdraw."))
                try await MembershipActions.withdraw(req)
                return req.redirect(to: SiteURL.membership.path)
            }
        }
    }

    /// A drastic form carries a ticked `confirm` box; refuse it otherwise.
    static func requireConfirmation(_ req: Request, _ reason: String) throws {
        struct Confirm: Decodable { var confirm: String? }
        guard (try? req.content.decode(Confirm.self))?.confirm == "yes" else { throw Abort(.badRequest, reason: reason) }
    }

    /// Runs a form's action; on a domain or input error, shows the form's page again with the reason.
    static func formAction(
        _ req: Request, retry: @escaping (Request) async throws -> PageResponse,
        _ action: () async throws -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch let error as any AbortError where error.status != .unauthorized && error.status != .forbidden {
            req.storage[FormErrorKey.self] = localReason(error)
            let typed = req.headers.contentType == .urlEncodedForm ? Forms.values(req.body.string ?? "") : [:]
            var page = try await Layout.$posted.withValue(typed) { try await retry(req) }
            page.status = error.status
            return try await page.encodeResponse(for: req)
        }
    }

    static func joinForm(_ req: Request) async throws -> PageResponse {
        _ = try req.requireUser()
        let model = MembershipJoin.Model(bylaws: try await req.bylaws())
        return MembershipJoin.View.render(model, layout: try await req.layout(t("Join the co-op")), error: req.storage[FormErrorKey.self])
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let user = try req.requireUser()
        let model = try await MembershipShow.load(user: user.id, bylaws: try await req.bylaws(), on: req.db)
        return MembershipShow.View.render(model, layout: try await req.layout(t("My membership")), error: req.storage[FormErrorKey.self])
    }

    static func describe(_ status: MembershipStatus?, pending: Bool) -> String {
        switch status {
        case .awaitingPayment: pending ? t("payment recorded, waiting for a steward") : t("applied, shares not yet paid")
        case .awaitingSteward: t("paid, waiting for a steward's decision")
        case .awaitingVote: t("paid, waiting for a member vote")
        case .admitted: t("member")
        case .rejected: t("application refused; share capital owed back")
        case .withdrawn: t("withdrawn; share capital owed back")
        case nil: t("unknown")
        }
    }
}

struct FormErrorKey: StorageKey {
    typealias Value = String
}
