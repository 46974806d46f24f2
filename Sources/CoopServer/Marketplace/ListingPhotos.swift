import CoopCore
import CoopStore
import Foundation
import Vapor

/// Listings' photos over HTTP: a worker uploads one (a multipart form, checked by content) or
/// deletes one; anyone fetches one at its stable address, with headers that keep it an image.
enum ListingPhotos {
    /// The largest upload request: one photo at its largest, and room for the form's other fields.
    static let maxRequestBytes = PhotoRules.maxBytes + 64 * 1024

    /// Why an upload was refused for its size, in words.
    static var tooLarge: String {
        t("This photo is too large: a photo may be at most %s MB.", num(PhotoRules.maxBytes / 1024 / 1024))
    }

    /// The photo's file name in its address: the start of its content's SHA-256 and its format's
    /// extension, so the address changes whenever the content would.
    static func fileName(_ p: ListingPhotoStore.Info) -> String {
        "\(p.sha256.prefix(16)).\(p.format.fileExtension)"
    }

    /// Registers the photo's address on `app` (no session: an image needs none) and the upload
    /// and delete forms on `pages`, whose CSRF check accepts a body of ``maxRequestBytes``.
    static func register(_ app: Application, pages: any RoutesBuilder) {
        app.on(.GET, SiteURL.pattern(.photo(UUID.anyValue, String.anyValue))) { req in try await serve(req) }
        pages.on(
            .POST, SiteURL.pattern(SiteURL.listingPhotos), body: .collect(maxSize: ByteCount(value: maxRequestBytes))
        ) { req async throws -> Response in
            let id = try Listings.id(req)
            return try await MembershipPages.formAction(req, retry: { try await ListingPages.editForm($0, id: id) }) {
                _ = try await upload(req, listing: id)
                return req.redirect(to: SiteURL.editListing(id).path + "#photos")
            }
        }
        pages.post(SiteURL.photoDelete) { req async throws -> Response in
            let id = try req.pathParameter(.id, expecting: t("a photo id"))
            let (user, _) = try await owner(req)
            let now = req.now
            let member = user
            let listing = try await req.write { db in try await ListingPhotoStore.delete(id, by: member, on: db, at: now) }
            return req.redirect(to: SiteURL.editListing(listing).path + "#photos")
        }
    }

    /// The requester's membership id, for a change to their own listing (whatever their status:
    /// a member who left may still pause or delete what they listed).
    static func owner(_ req: Request) async throws -> (UUID, MembershipRecord) {
        let user = try req.requireUser()
        guard let m = try await req.membership(of: user) else {
            throw Abort(.forbidden, reason: t("Only the worker who listed it can change this listing."))
        }
        return (try m.requireID(), m)
    }

    /// The form's fields: the file and what it shows.
    struct Upload: Content {
        var photo: File?
        var alt: String?
    }

    /// Adds the uploaded photo to the listing `id` of the requester.
    static func upload(_ req: Request, listing id: UUID) async throws -> ListingPhotoStore.Info {
        let (member, _) = try await owner(req)
        let form: Upload
        do { form = try req.content.decode(Upload.self) } catch {
            throw Abort(.badRequest, reason: t("Send the photo as a file, from the form's photo field."))
        }
        let bytes = form.photo.map { Array($0.data.readableBytesView) } ?? []
        if bytes.count > PhotoRules.maxBytes { throw Abort(.payloadTooLarge, reason: tooLarge) }
        let now = req.now
        let alt = form.alt
        return try await req.write { db in
            try await ListingPhotoStore.add(bytes, alt: alt, to: id, by: member, on: db, at: now)
        }
    }

    /// The photo's bytes, as the type read from them, never sniffed, cached for good (its address
    /// names its content), and with a policy that lets nothing in it run.
    static func serve(_ req: Request) async throws -> Response {
        let id = try req.pathParameter(.id, expecting: t("a photo id"))
        let file = try req.pathParameter(.file, expecting: t("a photo's file name"))
        guard let (info, data) = try await ListingPhotoStore.photo(id, on: req.db), file == fileName(info) else {
            throw Abort(.notFound, reason: t("There is no such photo."))
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: info.format.mediaType)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'")
        headers.replaceOrAdd(name: .eTag, value: "\"\(info.sha256)\"")
        if req.headers.first(name: .ifNoneMatch) == "\"\(info.sha256)\"" {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
