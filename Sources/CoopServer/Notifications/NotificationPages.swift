import CoopCore
import CoopStore
import Foundation
import Plot
import Vapor

extension SiteURL.Parameter where Value == String {
    /// An unsubscribe link's signed token.
    static var token: Self { Self(name: "token", format: { $0 }, parse: { $0.count <= 512 ? $0 : nil }) }
}

/// Notifications in the app: the list, marking read, the mail settings, and the unsubscribe link
/// of every mail.
enum NotificationPages {
    /// The pages behind a session, with CSRF on every form.
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.notifications) { req in try await list(req) }
        routes.post(.notificationsRead) { req async throws -> Response in
            let user = try req.requireUser()
            struct Input: Content {
                let id: UUID?
                let open: String?
            }
            let input = try req.content.decode(Input.self)
            let now = req.now
            let target = try await req.write { db -> NotificationTarget? in
                try await NotificationStore.markRead(input.id, of: user.id, on: db, at: now)
                guard let id = input.id else { return nil }
                return try await NotificationStore.item(id, of: user.id, on: db)?.target
            }
            if input.open != nil, let target { return req.redirect(to: link(target)) }
            return req.redirect(to: SiteURL.notifications.path)
        }
        routes.get(.notificationSettings) { req in try await settings(req) }
        routes.post(.notificationSettings) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await settings($0) }) {
                let user = try req.requireUser()
                var choices: [NotificationKind: MailChoice] = [:]
                for kind in NotificationKind.allCases {
                    guard let raw = try? req.content.get(String.self, at: kind.rawValue) else { continue }
                    guard let choice = MailChoice(rawValue: raw) else { throw CoopError.invalid(t("'%s' is not a choice of mail.", raw)) }
                    if choice == .never && kind.isRequired {
                        throw CoopError.invalid(
                            t("%s: the bylaws require this notice; choose at once or the daily digest.", label(kind)))
                    }
                    choices[kind] = choice
                }
                let chosen = choices
                try await req.write { db in try await NotificationStore.setChoices(chosen, of: user.id, on: db) }
                req.storage[SavedKey.self] = true
                return try await settings(req).encodeResponse(for: req)
            }
        }
    }

    /// The unsubscribe link: no session or CSRF token is needed or possible (a mail client posts
    /// it by itself, RFC 8058); the signed token alone authorizes turning off that one member's
    /// mail of that kind.
    static func registerUnsubscribe(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.unsubscribe) { req in try await unsubscribe(req, confirmed: false) }
        routes.post(SiteURL.unsubscribe) { req in try await unsubscribe(req, confirmed: true) }
    }

    /// A notification's link, from what it names.
    static func link(_ target: NotificationTarget) -> String {
        switch target {
        case .order(let n): SiteURL.order(n).path
        case .job(let n): SiteURL.job(n).path
        case .proposal(let n): SiteURL.proposal(n).path
        case .assembly(let n): SiteURL.assembly(n).path
        case .statement: SiteURL.statement.path
        case .notifications: SiteURL.notifications.path
        }
    }

    static func list(_ req: Request) async throws -> PageResponse {
        let user = try req.requireUser()
        let model = try await NotificationList.load(user: user.id, on: req.db)
        return NotificationList.View.render(model, layout: try await req.layout(t("Notifications"), forms: true))
    }

    struct SavedKey: StorageKey {
        typealias Value = Bool
    }

    static func settings(_ req: Request) async throws -> PageResponse {
        let user = try req.requireUser()
        let model = try await NotificationSettings.load(user: user.id, on: req.db)
        return NotificationSettings.View.render(
            model, layout: try await req.layout(t("Mail settings"), forms: true), error: req.storage[FormErrorKey.self],
            saved: req.storage[SavedKey.self] == true)
    }

    static func unsubscribe(_ req: Request, confirmed: Bool) async throws -> PageResponse {
        let raw = try req.pathParameter(.token, expecting: t("an unsubscribe token"))
        let key = try await NotificationStore.mailKey(on: req.db)
        let token = try UnsubscribeToken.verify(raw, key: key, now: req.now)
        var done: [NotificationKind]?
        if confirmed {
            done = try await req.write { db in try await NotificationStore.unsubscribe(token.user, from: token.kind, on: db) }
            req.logger.info("unsubscribed", metadata: ["user": "\(token.user)", "kind": "\(token.kind?.rawValue ?? "all")"])
        }
        return Unsubscribe.View.render(
            Unsubscribe.Model(token: raw, kind: token.kind, done: done), layout: try await req.layout(t("Unsubscribe")))
    }
}
