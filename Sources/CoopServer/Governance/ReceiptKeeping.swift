import CoopCore
import Foundation
import Vapor

/// Where a ballot's receipt waits between the vote and the page that shows it (post/redirect/get).
///
/// The receipt code links a secret ballot to its voter, so the server never stores it: not in the
/// session row, not in a URL (which logs, history and `Referer` keep). It is kept in the voter's own
/// browser, in an HttpOnly, SameSite=Strict cookie that names the voter, so the proposal's page
/// shows it again on refresh, and `receipt.txt` hands it over as a file to keep, until the voter
/// says they have kept it, logs out, or a month after voting closed.
enum ReceiptKeeping {
    static let prefix = "coop_receipt_"

    /// What the browser holds for one proposal.
    struct Kept: Equatable {
        let changed: Bool
        /// Nil for an open ballot, which needs no code.
        let code: String?
    }

    /// One cookie per ballot: the voter's own, and at an assembly one per member whose proxy they
    /// cast (`giver`, a member number), so a holder keeps every receipt, not only the last.
    static func cookieName(_ proposal: Int, giver: Int? = nil) -> String {
        "\(prefix)\(proposal)" + (giver.map { "_for\($0)" } ?? "")
    }

    /// The member number a form or link names with `for` (a proxy's ballot), if any.
    static func giver(_ req: Request) throws -> Int? {
        struct For: Content { var `for`: String? }
        return try memberNumber(
            (try? req.query.decode(For.self))?.for ?? (req.method == .POST ? (try? req.content.decode(For.self))?.for : nil))
    }

    /// What `for` says: nil when it is absent or blank, the member number it names, or a 400 for
    /// anything else. The one reading of `for`, for casting a proxy's ballot and for its receipt.
    static func memberNumber(_ typed: String?) throws -> Int? {
        guard let typed, !typed.isEmpty else { return nil }
        guard typed.count <= 12, let number = Int(typed), number > 0 else {
            throw Abort(.badRequest, reason: t("'for' is the member number of a member whose proxy you hold."))
        }
        return number
    }

    /// The cookie's value: the voter, whether the ballot was changed, and the code.
    static func value(user: UUID, _ kept: Kept) -> String {
        "\(user.uuidString)|\(kept.changed ? "changed" : "cast")|\(kept.code ?? "")"
    }

    /// What `value` wrote, if it was written for `user`; anything else is ignored.
    static func parse(_ value: String, user: UUID) -> Kept? {
        let parts = value.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, UUID(uuidString: String(parts[0])) == user, ["cast", "changed"].contains(parts[1]) else { return nil }
        let code = String(parts[2])
        guard code.count <= 128, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        return Kept(changed: parts[1] == "changed", code: code.isEmpty ? nil : code)
    }

    /// The page after a ballot: the proposal's, where the receipt is shown from the cookie.
    static func redirect(
        _ req: Request, proposal: Int, giver: Int? = nil, receipt: Governance.Receipt, changed: Bool, closesAt: Date
    ) throws -> Response {
        let user = try req.requireUser().id
        let anchor = giver.map { "#receipt-for\($0)" } ?? "#your-receipt"
        let response = req.redirect(to: SiteURL.proposal(proposal).path + anchor, redirectType: .normal)
        let keep = max(60, closesAt.addingTimeInterval(30 * 86_400).timeIntervalSince(req.now))
        response.cookies[cookieName(proposal, giver: giver)] = HTTPCookies.Value(
            string: value(user: user, Kept(changed: changed, code: receipt.receipt)), expires: nil, maxAge: Int(keep),
            domain: nil, path: "/", isSecure: req.coop.config.secureCookies, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    /// The receipt this browser keeps for the logged-in voter, if any.
    static func kept(_ req: Request, proposal: Int, giver: Int? = nil) -> Kept? {
        guard let user = req.user?.id, let cookie = req.cookies[cookieName(proposal, giver: giver)] else { return nil }
        return parse(cookie.string, user: user)
    }

    /// Forgets the receipt of one proposal, or (on log-out) every receipt this browser keeps.
    static func forget(_ req: Request, _ response: Response, proposal: Int? = nil, giver: Int? = nil) {
        let names = proposal.map { [cookieName($0, giver: giver)] } ?? req.cookies.all.keys.filter { $0.hasPrefix(prefix) }
        for name in names {
            response.cookies[name] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                isSecure: req.coop.config.secureCookies, isHTTPOnly: true, sameSite: .strict)
        }
    }

    /// The receipt as a small text file, for the voter to keep.
    static func file(_ req: Request, proposal: Int, title: String) throws -> Response {
        let giver = try giver(req)
        guard let kept = kept(req, proposal: proposal, giver: giver), let code = kept.code else {
            throw Abort(.notFound, reason: t("This browser keeps no receipt for proposal #%s.", String(proposal)))
        }
        var text = t("Coop ballot receipt") + "\n"
        text += t("Proposal #%1$s: %2$s", String(proposal), title) + "\n"
        if let giver { text += t("The ballot of member #%s, whose proxy you held", String(giver)) + "\n" }
        text += t("Receipt code: %s", code) + "\n\n"
        text += t("Keep this code private. Before voting closes, it lets you change your ballot.") + "\n"
        text += t("After voting closes, give it on the proposal's bulletin board to find your ballot.") + "\n"
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"receipt-proposal-\(proposal)\(giver.map { "-for-\($0)" } ?? "").txt\""
        )
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
