import Crypto

/// The image formats a listing's photo may be in, recognised by their first bytes (never by a
/// file's name or the type a browser claims): a PNG renamed `.jpg` is a PNG, and an HTML file
/// named `x.jpg` is not a photo.
public enum PhotoFormat: String, Sendable, Codable, CaseIterable {
    /// JPEG: starts `FF D8 FF`.
    case jpeg
    /// PNG: starts `89 50 4E 47 0D 0A 1A 0A`.
    case png
    /// WebP: `RIFF`, a length, then `WEBP`.
    case webp

    /// The media type to serve it as.
    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }

    /// The file extension of its stable URL.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        }
    }
}

/// What the first bytes of an image say: its format and, when the header gives it cheaply, its
/// size in pixels (pages write `width` and `height`, so the page does not move as it loads).
public struct PhotoHeader: Sendable, Equatable {
    /// The format the bytes are in.
    public let format: PhotoFormat
    /// Width in pixels, when read from the header.
    public let width: Int?
    /// Height in pixels, when read from the header.
    public let height: Int?

    /// Creates a header from what was read.
    public init(format: PhotoFormat, width: Int?, height: Int?) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// Reads the format (and size) from an image's bytes; nil when they are not a JPEG, PNG or WebP.
    public static func read(_ bytes: [UInt8]) -> PhotoHeader? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            // The first chunk is IHDR: width and height, 4 bytes each, big-endian.
            guard bytes.count >= 24, bytes[12..<16].elementsEqual(Array("IHDR".utf8)) else {
                return PhotoHeader(format: .png, width: nil, height: nil)
            }
            return sized(.png, width: be32(bytes, 16), height: be32(bytes, 20))
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return jpeg(bytes) }
        if bytes.count >= 12, bytes[0..<4].elementsEqual(Array("RIFF".utf8)), bytes[8..<12].elementsEqual(Array("WEBP".utf8)) {
            return webp(bytes)
        }
        return nil
    }

    /// A header with a size, when the size is plausible (1 to 65,535 pixels a side); without one otherwise.
    static func sized(_ format: PhotoFormat, width: Int, height: Int) -> PhotoHeader {
        guard (1...65_535).contains(width), (1...65_535).contains(height) else {
            return PhotoHeader(format: format, width: nil, height: nil)
        }
        return PhotoHeader(format: format, width: width, height: height)
    }

    static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    static func be32(_ b: [UInt8], _ i: Int) -> Int { be16(b, i) << 16 | be16(b, i + 2) }
    static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func le24(_ b: [UInt8], _ i: Int) -> Int { le16(b, i) | Int(b[i + 2]) << 16 }

    /// Walks the JPEG's segments to the first start-of-frame marker, which holds the size.
    static func jpeg(_ b: [UInt8]) -> PhotoHeader {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { break }
            let marker = b[i + 1]
            if marker == 0xFF {  // fill byte
                i += 1
                continue
            }
            // Markers without a length: start of image, restart markers, TEM.
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                i += 2
                continue
            }
            let length = be16(b, i + 2)
            // Start-of-frame markers C0..CF, except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding).
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                return sized(.jpeg, width: be16(b, i + 7), height: be16(b, i + 5))
            }
            if marker == 0xDA || length < 2 { break }  // start of scan: no frame header before it
            i += 2 + length
        }
        return PhotoHeader(format: .jpeg, width: nil, height: nil)
    }

    /// The first chunk of a WebP says its size: VP8 (lossy), VP8L (lossless) or VP8X (extended).
    static func webp(_ b: [UInt8]) -> PhotoHeader {
        guard b.count >= 30 else { return PhotoHeader(format: .webp, width: nil, height: nil) }
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
            guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { break }
            return sized(.webp, width: le16(b, 26) & 0x3FFF, height: le16(b, 28) & 0x3FFF)
        case "VP8L":
            guard b[20] == 0x2F else { break }
            let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
            return sized(.webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return sized(.webp, width: le24(b, 24) + 1, height: le24(b, 27) + 1)
        default: break
        }
        return PhotoHeader(format: .webp, width: nil, height: nil)
    }
}

/// The rules a listing's photos follow: formats, sizes, how many, and their alt text.
public enum PhotoRules {
    /// The largest photo accepted, in bytes: 5 MiB.
    public static let maxBytes = 5 * 1024 * 1024
    /// The most photos one listing has.
    public static let maxPerListing = 6
    /// The longest alt text, in characters.
    public static let maxAltLength = 200

    /// Checks an uploaded photo: not empty, not too large, a JPEG, PNG or WebP by its content.
    /// `existing` is how many photos the listing has already.
    public static func check(_ bytes: [UInt8], existing: Int) throws(CoopError) -> PhotoHeader {
        if existing >= maxPerListing {
            throw CoopError.conflict(Words("A listing has at most %d photos; delete one to add another.", .number(Int64(maxPerListing))))
        }
        if bytes.isEmpty { throw CoopError.invalid("Choose a photo to upload: the file sent was empty.") }
        if bytes.count > maxBytes {
            throw CoopError.invalid(
                Words(
                    "This photo is %1$s MB; a photo may be at most %2$d MB.", .text("\(megabytes(bytes.count))"),
                    .number(Int64(maxBytes / 1024 / 1024))))
        }
        guard let header = PhotoHeader.read(bytes) else {
            throw CoopError.invalid("This file is not a JPEG, PNG or WebP image (whatever its name says).")
        }
        return header
    }

    /// The alt text to keep: the worker's, trimmed, or a description from the listing's title.
    public static func altText(_ given: String?, title: String) throws(CoopError) -> String {
        let alt = (given ?? "").trimmed
        if alt.count > maxAltLength {
            throw CoopError.invalid(Words("Describe the photo in at most %d characters.", .number(Int64(maxAltLength))))
        }
        return alt.isEmpty ? "Photo of \(title)" : alt
    }

    /// The SHA-256 of a photo's bytes, as 64 lowercase hex digits: part of its URL.
    public static func digest(_ bytes: [UInt8]) -> String {
        Hex.encode(Array(SHA256.hash(data: bytes)))
    }

    /// A size in megabytes with one decimal: `5.3`.
    static func megabytes(_ n: Int) -> String {
        let tenths = (n * 10 + 1024 * 1024 - 1) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
