import CoopCore
import CoopStore
import Vapor

/// The member handbook. Public, like the bylaws and the policies on the home page: a person
/// deciding whether to join should read the rules they would be bound by, and a member should be
/// able to send it to anyone.
enum HandbookPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.handbook, use: handbook)
    }

    static func handbook(_ req: Request) async throws -> PageResponse {
        let model = try await Handbook.load(bylaws: try await req.bylaws(), on: req.db)
        return Handbook.View.render(model, layout: try await req.layout(t("Member handbook")))
    }
}
