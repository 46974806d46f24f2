import CoopCore
import Testing

/// Real images of 3 × 2 pixels (5 × 4 for the extended WebP), made with Pillow.
enum TinyImages {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    static let png = bytes(
        "89504e470d0a1a0a0000000d49484452000000030000000208020000001216f14d0000001549444154789c63948f7163606060606060628001000da700c51e25cb360000000049454e44ae426082"
    )
    static let jpeg = bytes(
        "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffdb0043010909090c0b0c180d0d1832211c213232323232323232323232323232323232323232323232323232323232323232323232323232323232323232323232323232ffc00011080002000303012200021101031101ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f0100030101010101010101010000000000000102030405060708090a0bffc400b51100020102040403040705040400010277000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9faffda000c03010002110311003f00e1a8a28a478a7fffd9"
    )
    static let webpLossy = bytes(
        "524946462e0000005745425056503820220000005001009d012a0300020001402625980004000000fef4be8ffff01fd81ff607620000")
    static let webpLossless = bytes("524946461e000000574542505650384c110000002f024000000750ae7ed4a8ff8188e87f0000")
    static let webpExtended = bytes(
        "524946464800000057454250565038580a00000010000000040000030000414c50480a000000010750c088084444ff0356503820180000003001009d012a0500040001402625a400037000fefd205000"
    )
}

@Suite struct PhotoHeaderTests {
    @Test func realImagesAreRecognisedByTheirBytesWithTheirSize() {
        #expect(PhotoHeader.read(TinyImages.png) == PhotoHeader(format: .png, width: 3, height: 2))
        #expect(PhotoHeader.read(TinyImages.jpeg) == PhotoHeader(format: .jpeg, width: 3, height: 2))
        #expect(PhotoHeader.read(TinyImages.webpLossy) == PhotoHeader(format: .webp, width: 3, height: 2))
        #expect(PhotoHeader.read(TinyImages.webpLossless) == PhotoHeader(format: .webp, width: 3, height: 2))
        #expect(PhotoHeader.read(TinyImages.webpExtended) == PhotoHeader(format: .webp, width: 5, height: 4))
    }

    @Test func anythingElseIsNotAPhotoWhateverItIsCalled() {
        let html = Array("<!DOCTYPE html><html><script>alert(1)</script></html>".utf8)
        #expect(PhotoHeader.read(html) == nil)
        #expect(PhotoHeader.read([]) == nil)
        #expect(PhotoHeader.read(Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 20)) == nil)
        #expect(PhotoHeader.read(Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil, "RIFF that is not WebP")
        // A truncated header is still its format, without a size.
        #expect(PhotoHeader.read(Array(TinyImages.png.prefix(10))) == PhotoHeader(format: .png, width: nil, height: nil))
        #expect(PhotoHeader.read([0xFF, 0xD8, 0xFF]) == PhotoHeader(format: .jpeg, width: nil, height: nil))
    }

    @Test func theRulesRefuseEmptyOversizedFakeAndOneTooManyWithTheReason() throws {
        #expect(try PhotoRules.check(TinyImages.png, existing: 0).format == .png)
        #expect(throws: CoopError.self) { try PhotoRules.check([], existing: 0) }
        let big = TinyImages.png + [UInt8](repeating: 0, count: PhotoRules.maxBytes)
        do {
            _ = try PhotoRules.check(big, existing: 0)
            Issue.record("an oversized photo was accepted")
        } catch { #expect(error.reason.contains("at most 5 MB"), "\(error)") }
        do {
            _ = try PhotoRules.check(Array("<html>".utf8), existing: 0)
            Issue.record("HTML was accepted as a photo")
        } catch { #expect(error.reason.contains("not a JPEG, PNG or WebP"), "\(error)") }
        #expect(throws: CoopError.self) { try PhotoRules.check(TinyImages.png, existing: PhotoRules.maxPerListing) }
        #expect(try PhotoRules.altText("  ", title: "Home cleaning") == "Photo of Home cleaning")
        #expect(try PhotoRules.altText(" A bright kitchen ", title: "x") == "A bright kitchen")
        #expect(throws: CoopError.self) { try PhotoRules.altText(String(repeating: "a", count: 201), title: "x") }
        #expect(PhotoRules.digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite struct AreaTests {
    @Test func bylawsWithoutAreasHaveNone() throws {
        #expect(try Bylaws.validate(validDocument()).areas.isEmpty)
    }

    @Test func areasAreReadWithTheirCentres() throws {
        var d = validDocument()
        d.areas = [
            .init(id: "centre", name: "Centre", latitude: "52.372", longitude: "4.893"),
            .init(id: "north-bank", name: "North Bank", latitude: "-33.5", longitude: "-70.25"),
        ]
        let b = try Bylaws.validate(d)
        #expect(
            b.areas == [
                Area(id: "centre", name: "Centre", latitudeE6: 52_372_000, longitudeE6: 4_893_000),
                Area(id: "north-bank", name: "North Bank", latitudeE6: -33_500_000, longitudeE6: -70_250_000),
            ])
        #expect(b.area("north-bank")?.name == "North Bank" && b.area("south") == nil)
    }

    @Test(arguments: [
        (BylawsDocument.AreaEntry(id: "", name: "Centre", latitude: "1", longitude: "1"), "areas[1].id"),
        (BylawsDocument.AreaEntry(id: "Centre!", name: "Centre 2", latitude: "1", longitude: "1"), "areas[1].id"),
        (BylawsDocument.AreaEntry(id: "centre", name: "Other", latitude: "1", longitude: "1"), "areas[1].id"),
        (BylawsDocument.AreaEntry(id: "other", name: "centre", latitude: "1", longitude: "1"), "areas[1].name"),
        (BylawsDocument.AreaEntry(id: "other", name: "", latitude: "1", longitude: "1"), "areas[1].name"),
        (BylawsDocument.AreaEntry(id: "other", name: "Other", latitude: "91", longitude: "1"), "areas[1].latitude"),
        (BylawsDocument.AreaEntry(id: "other", name: "Other", latitude: "1", longitude: "east"), "areas[1].longitude"),
        (BylawsDocument.AreaEntry(id: "other", name: "Other", latitude: nil, longitude: "1"), "areas[1].latitude"),
    ])
    func aBadAreaIsRefusedNamingTheField(entry: BylawsDocument.AreaEntry, field: String) {
        var d = validDocument()
        d.areas = [.init(id: "centre", name: "Centre", latitude: "52.372", longitude: "4.893"), entry]
        do {
            _ = try Bylaws.validate(d)
            Issue.record("accepted \(entry)")
        } catch {
            #expect(error.issues.contains { $0.field == field }, "\(error)")
        }
    }

    @Test func aListingPlacedInAnAreaTakesItsNameAndCentre() {
        let area = Area(id: "east", name: "East", latitudeE6: 52_360_000, longitudeE6: 4_940_000)
        let d = ListingDraft(
            kind: .service, title: "Ironing", description: "", category: "care", unit: .perHour,
            price: Money(minorUnits: 2_000, currency: Currency(code: "EUR"))
        ).placed(in: area)
        #expect(d.area == "East" && d.latitudeE6 == 52_360_000 && d.longitudeE6 == 4_940_000 && d.areaID == "east")
        #expect(d.placed(in: nil).area.isEmpty && d.placed(in: nil).latitudeE6 == nil)
    }

    @Test func statusChangesFollowTheRules() throws {
        #expect(try ListingStatus.active.applying(.pause) == .paused)
        #expect(try ListingStatus.paused.applying(.resume) == .active)
        #expect(try ListingStatus.paused.applying(.delete) == .deleted)
        #expect(try ListingStatus.active.applying(.delete) == .deleted)
        for (from, change) in [
            (ListingStatus.deleted, ListingStatus.Change.resume), (.deleted, .pause), (.active, .resume), (.paused, .pause),
            (.unlisted, .delete),
        ] {
            #expect(throws: CoopError.self, "\(from) \(change)") { try from.applying(change) }
        }
    }
}
