import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// The demo co-op `coop serve --demo` founds: a multi-stakeholder co-op with a steward, workers,
/// user-members, and an applicant waiting in the steward's queue.
public enum DemoCoop {
    static let password = "coop-demo-pass"

    static let founders = """
        founders:
          - { name: Sam Steward, email: sam@demo.coop, class: worker, steward: true }
          - { name: Rita Reyes, email: rita@demo.coop, class: worker, steward: true }
          - { name: Ana Alves, email: ana@demo.coop, class: worker }
          - { name: Bo Berg, email: bo@demo.coop, class: worker }
          - { name: Cleo Costa, email: cleo@demo.coop, class: user }
          - { name: Dev Dlamini, email: dev@demo.coop, class: user }

        """

    static var text: String { BylawsTemplate.multiStakeholder.text(founders: founders) }

    /// Open proposals: a fee cut being voted on, a co-design idea and a board election in discussion.
    static func proposals(bylaws: Bylaws, on db: any Database, at now: Date) async throws {
        func member(_ email: String) async throws -> MembershipRecord {
            let user = try await UserStore.user(email: email, on: db)!
            return try await MembershipQueries.membership(ofUser: user.requireID(), on: db)!
        }
        let fee = try await Governance.propose(
            author: try await member("ana@demo.coop"), title: "Lower the platform fee to 8%",
            body: "Our costs fell after we moved hosting to a co-op provider; 8% covers them and leaves more for workers.",
            payload: .policyChange(policy: PolicyKey.platformFee.rawValue, value: "8%"), bylaws: bylaws, on: db, at: now)
        try await Governance.open(fee, bylaws: bylaws, on: db, at: now)
        _ = try await Governance.propose(
            author: try await member("cleo@demo.coop"), title: "How should tips work?",
            body: "Customers ask to tip. Approve every option you could live with.",
            payload: .general(options: ["Tips go entirely to the worker", "Tips are split with the co-op", "No tips"]),
            bylaws: bylaws, on: db, at: now)
        let election = try await Governance.propose(
            author: try await member("rita@demo.coop"), title: "Board election",
            body: "Three seats, two-year terms, by single transferable vote.",
            payload: .election(seats: 3, candidates: []), bylaws: bylaws, on: db, at: now)
        let standing = try await ["sam@demo.coop", "ana@demo.coop", "cleo@demo.coop", "bo@demo.coop"].asyncMap {
            try await member($0).requireID().uuidString
        }
        election.payload = try Governance.json(ProposalPayload.election(seats: 3, candidates: standing))
        try await ProposalCommands.save(election, on: db)
        try await listings(bylaws: bylaws, member: member, on: db, at: now)
        try await bookableListing(bylaws: bylaws, member: member, on: db, at: now)
    }

    /// A few listings, so the marketplace is not empty.
    static func listings(
        bylaws: Bylaws, member: (String) async throws -> MembershipRecord, on db: any Database, at now: Date
    ) async throws {
        let eur = bylaws.currency
        // Placed in the bylaws' areas when they name them (the templates do); as written otherwise.
        func inArea(_ id: String, _ d: ListingDraft) -> ListingDraft { bylaws.area(id).map { d.placed(in: $0) } ?? d }
        let drafts: [(String, ListingDraft)] = [
            (
                "ana@demo.coop",
                inArea(
                    "centre",
                    ListingDraft(
                        kind: .service, title: "Home cleaning", description: "Kitchens, bathrooms, floors; I bring eco products.",
                        category: "cleaning", unit: .perHour, price: Money(minorUnits: 2_250, currency: eur), area: "Centre",
                        latitudeE6: 52_372_000, longitudeE6: 4_893_000))
            ),
            (
                "bo@demo.coop",
                ListingDraft(
                    kind: .service, title: "Cargo-bike delivery", description: "Same-day delivery across town, up to 80 kg.",
                    category: "delivery", unit: .fixed, price: Money(minorUnits: 1_800, currency: eur), estimatedMinutes: 45,
                    area: "Whole city")
            ),
            (
                "rita@demo.coop",
                inArea(
                    "east",
                    ListingDraft(
                        kind: .good, title: "Plum jam", description: "From the co-op garden; 350 g jars.", category: "food",
                        unit: .perItem, price: Money(minorUnits: 450, currency: eur), stock: 12, area: "East"))
            ),
        ]
        let (fee, minimum) = try await Listings.payTerms(bylaws, on: db)
        for (email, draft) in drafts {
            let problems = draft.problems(categories: bylaws.categories, feeRate: fee, minimumPerHour: minimum)
            guard problems.isEmpty else { throw CoopError.invalid("demo listing '\(draft.title)': \(problems.joined(separator: " "))") }
            _ = try await Listings.insert(draft, worker: try await member(email).requireID(), on: db, at: now)
        }
        // Sam takes cleaning jobs without listing (a skill named), near the centre; Ana lists cleaning.
        let sam = WorkerProfileRecord()
        sam.membershipID = try await member("sam@demo.coop").requireID()
        sam.available = true
        sam.skills = "cleaning,windows,ironing"
        sam.latitudeE6 = 52_360_000
        sam.longitudeE6 = 4_900_000
        sam.updatedAt = now
        try await DemoStore.create(sam, on: db)
    }

    /// A demo year: the first fiscal period is moved to the twelve months before founding, with
    /// orders completed through it and the co-op's expenses, so that a steward can close it at once.
    static func year(bylaws: Bylaws, on db: any Database, at now: Date) async throws {
        guard try await FiscalPeriodStore.existing(1, on: db) != nil else { return }
        let start = FiscalPeriods.end(of: now, months: -12)
        try await DemoStore.backdateFirstPeriod(from: start, to: now.addingTimeInterval(-3_600), on: db)
        try await FiscalPeriods.ensureCurrent(bylaws: bylaws, on: db, at: now)
        func user(_ email: String) async throws -> UUID {
            try await UserStore.user(email: email, on: db)!.requireID()
        }
        func listing(_ title: String) async throws -> Orders.Offer {
            let l = try await DemoStore.listing(titled: title, on: db)!
            return try await Orders.offer(try l.requireID(), on: db)!
        }
        // (listing, customer, quantity): minutes for cleaning, one delivery, jars of jam.
        let pattern: [(String, String, Int64)] = [
            ("Home cleaning", "cleo@demo.coop", 120), ("Cargo-bike delivery", "dev@demo.coop", 1),
            ("Home cleaning", "dev@demo.coop", 90), ("Plum jam", "cleo@demo.coop", 2), ("Cargo-bike delivery", "cleo@demo.coop", 1),
        ]
        var offers: [String: Orders.Offer] = [:]
        var customers: [String: UUID] = [:]
        for (title, email, _) in pattern {
            if offers[title] == nil { offers[title] = try await listing(title) }
            if customers[email] == nil { customers[email] = try await user(email) }
        }
        // Eleven months of orders: the month of founding has none, so a new order stands out there.
        for month in 0..<11 {
            for (i, (title, email, quantity)) in pattern.enumerated() {
                if title == "Plum jam" && month % 3 != 0 { continue }
                let at = FiscalPeriods.end(of: start, months: month).addingTimeInterval(Double(i * 5 + 2) * 86_400)
                let o = try await Orders.insert(
                    listing: offers[title]!, customer: customers[email]!, quantity: quantity, scheduledAt: nil, note: "",
                    bylaws: bylaws, on: db, at: at)
                try await Orders.move(o, .accept, by: .worker, refund: nil, review: nil, bylaws: bylaws, on: db, at: at + 3_600)
                let p = OrderPaymentRecord()
                p.id = UUID()
                p.orderID = try o.requireID()
                p.gateway = "offline"
                p.method = "bank_transfer"
                p.reference = "DEMO-\(o.number)"
                p.amountMinor = o.priceMinor
                p.status = .settled
                p.createdAt = at + 3_600
                p.settledAt = at + 3_600
                try await DemoStore.create(p, on: db)
                try await Payments.settle(p, order: o, bylaws: bylaws, on: db, at: at + 3_600)
                for (step, action) in [OrderAction.start, .deliver].enumerated() {
                    try await Orders.move(
                        o, action, by: .worker, refund: nil, review: nil, bylaws: bylaws, on: db, at: at + Double(step + 2) * 3_600)
                }
                try await Orders.move(o, .complete, by: .customer, refund: nil, review: nil, bylaws: bylaws, on: db, at: at + 5 * 3_600)
            }
        }
        for quarter in 0..<4 {
            let at = FiscalPeriods.end(of: start, months: quarter * 3).addingTimeInterval(20 * 86_400)
            _ = try await Finances.recordExpense(
                .init(amount: "9.90", category: "hosting", description: "Server hosting, quarter \(quarter + 1)"), steward: "member #1",
                bylaws: bylaws, on: db, at: at)
        }
    }

    /// Founds the demo co-op and adds an applicant whose payment waits for a steward.
    /// `withYear` adds a year of orders and expenses before founding (`coop serve --demo` does).
    /// Returns the founders' and the applicant's logins.
    public static func found(app: Application, year withYear: Bool = false) async throws -> [Founding.FounderLogin] {
        let bylaws = try BylawsFile.parse(text)
        var passwords: [String: String] = [:]
        for f in bylaws.founders { passwords[f.email] = password }
        let logins = try await Founding.found(bylaws, text: text, passwords: passwords, app: app)
        let cost = app.coop.config.bcryptCost
        let hash = try await app.coop.passwords.hash(password, cost: cost)
        let now = app.coop.config.now()
        try await app.coop.write(on: app.db) { db in
            let eli = UserRecord(email: "eli@demo.coop", name: "Eli Evans", passwordHash: hash, createdAt: now)
            try await UserStore.create(eli, on: db)
            let cls = bylaws.stakeholderClass("worker")!
            let m = try await MembershipService.apply(userID: try eli.requireID(), to: cls, on: db, at: now)
            _ = try await MembershipService.recordPayment(
                m, class: cls, method: "bank_transfer", reference: "EVANS-0001", on: db, at: now)
            try await proposals(bylaws: bylaws, on: db, at: now)
            if withYear { try await year(bylaws: bylaws, on: db, at: now) }
        }
        return logins + [Founding.FounderLogin(name: "Eli Evans (applicant)", email: "eli@demo.coop", password: password, steward: false)]
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
