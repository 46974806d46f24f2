import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Orders in the database: placing them in batches (group commit: see ``GroupCommit``).
///
/// A batch (up to 256) is placed with a fixed number of statements, however many orders it holds:
/// one read of the fee in force, the next number and the audit head; one of the listings as they
/// are now; one update of the stock of the goods sold; one insert each of orders, their events and
/// their audit entries. Each order is still checked on its own, in turn, against the stock the
/// ones before it left: one refused writes nothing.
public enum OrderStore {
    /// One order to place, checked before it is queued.
    public struct Placement: Sendable {
        /// The listing ordered, as read when the order was checked.
        public let offer: Offer
        /// The ordering user's id.
        public let customer: UUID
        /// Minutes booked (per hour), items (per item), or 1 (fixed price).
        public let quantity: Int64
        /// When the customer asks for the work or pickup, if they said.
        public let scheduledAt: Date?
        /// The customer's note to the worker; may be empty.
        public let note: String
        /// An accepted job's private listing: never listed, but ordered all the same.
        public let unlisted: Bool
        /// The co-op's currency, which prices the order.
        public let currency: Currency
        /// When it is placed.
        public let at: Date
        /// The co-op's time zone (IANA), in which a worker who chose none keeps their hours.
        public var coopTimeZone: String? = nil

        /// An order of `quantity` of `offer` by `customer`, priced in `currency`.
        public init(
            offer: Offer, customer: UUID, quantity: Int64, scheduledAt: Date?, note: String, unlisted: Bool, currency: Currency,
            at: Date
        ) {
            self.offer = offer
            self.customer = customer
            self.quantity = quantity
            self.scheduledAt = scheduledAt
            self.note = note
            self.unlisted = unlisted
            self.currency = currency
            self.at = at
        }
    }

    /// What placing an order needs of its listing, read in one query.
    public struct Offer: Sendable {
        /// The listing's id.
        public let id: UUID
        /// The listing worker's membership id.
        public let workerID: UUID
        /// The worker's name.
        public let workerName: String
        /// A service or a good.
        public let kind: ListingKind
        /// The listing's title.
        public let title: String
        /// How it is priced: by the hour, at a fixed price or by the item.
        public let unit: PriceUnit
        /// The price of one unit, in minor units of the co-op's currency.
        public let priceMinor: Int64
        /// Items in stock (goods); nil for a service.
        public let stock: Int64?
        /// Whether it is still offered.
        public let active: Bool
        /// Whether the one asking is the listing's worker.
        public var own = false
        /// The worker's user id, when it was read with the listing (for their notice).
        public var workerUserID: UUID?
        /// What the members require of the worker for the listing's category now (a module, a
        /// skill), read with the listing; none when it was not read.
        public var requires = WorkRequirements.Required()

        /// A listing as placing an order needs it.
        public init(
            id: UUID, workerID: UUID, workerName: String, kind: ListingKind, title: String, unit: PriceUnit, priceMinor: Int64,
            stock: Int64?,
            active: Bool, own: Bool = false
        ) {
            self.id = id
            self.workerID = workerID
            self.workerName = workerName
            self.kind = kind
            self.title = title
            self.unit = unit
            self.priceMinor = priceMinor
            self.stock = stock
            self.active = active
            self.own = own
        }
    }

    /// The most orders one transaction places.
    public static let batchLimit = 256

    /// A listing as placing an order needs it; `asking` is the user who asks (for `own`).
    public static func offer(_ id: UUID, asking: UUID? = nil, on db: any Database) async throws -> Offer? {
        let sql = try db.sql()
        guard
            let row = try await sql.raw(
                """
                SELECT l.worker_id, l.kind, l.title, l.unit, l.price_minor, l.stock, l.active, u.name, m.user_id, \
                (SELECT COUNT(*) FROM memberships me WHERE me.user_id = \(bind: asking ?? UUID()) AND me.id = l.worker_id) AS own, \
                (SELECT value_number FROM policies WHERE key = \(bind: TrainingRules.policyKey(category: "")) || LOWER(l.category)) \
                AS module_required, \
                (SELECT value_option FROM policies WHERE key = \(bind: SkillRules.policyKey(category: "")) || LOWER(l.category)) \
                AS skill_required \
                FROM listings l JOIN memberships m ON m.id = l.worker_id JOIN users u ON u.id = m.user_id WHERE l.id = \(bind: id)
                """
            ).first()
        else { return nil }
        var offer = Offer(
            id: id, workerID: try row.decode(column: "worker_id", as: UUID.self),
            workerName: try row.decode(column: "name", as: String.self),
            kind: try row.decode(column: "kind", as: ListingKind.self), title: try row.decode(column: "title", as: String.self),
            unit: try row.decode(column: "unit", as: PriceUnit.self), priceMinor: try row.decode(column: "price_minor", as: Int64.self),
            stock: try row.decode(column: "stock", as: Int64?.self), active: try row.decode(column: "active", as: Bool.self),
            own: try row.decode(column: "own", as: Int.self) > 0)
        offer.workerUserID = try row.decode(column: "user_id", as: UUID.self)
        offer.requires = WorkRequirements.Required(
            module: TrainingRules.requiredModule(try row.decode(column: "module_required", as: Int64?.self).map(PolicyValue.number)),
            skill: SkillRules.requiredSkill(try row.decode(column: "skill_required", as: String?.self).map(PolicyValue.option)))
        return offer
    }

    /// Places the orders in the caller's transaction, in turn; each one's order or reason.
    public static func record(_ jobs: [Placement], on db: any Database) async throws -> [Result<OrderRecord, any Error>] {
        let sql = try db.sql()
        guard !jobs.isEmpty else { return [] }
        struct State: Decodable {
            let fee: Int64?
            let fee_cap: Int64?
            let booking_minimum: Int64?
            let booking_step: Int64?
            let last: Int64
            let head_sequence: Int64?
            let head_hash: String?
        }
        guard
            let state = try await sql.raw(
                """
                SELECT (SELECT value_number FROM policies WHERE key = \(bind: PolicyKey.platformFee.rawValue)) AS fee, \
                (SELECT value_number FROM policies WHERE key = \(bind: PolicyKey.platformFeeCap.rawValue)) AS fee_cap, \
                (SELECT value_number FROM policies WHERE key = \(bind: PolicyKey.bookingMinimumMinutes.rawValue)) AS booking_minimum, \
                (SELECT value_number FROM policies WHERE key = \(bind: PolicyKey.bookingStepMinutes.rawValue)) AS booking_step, \
                (SELECT COALESCE(MAX(number), 0) FROM orders) AS last, \
                (SELECT MAX(sequence) FROM audit_entries) AS head_sequence, \
                (SELECT hash FROM audit_entries ORDER BY sequence DESC LIMIT 1) AS head_hash
                """
            ).first(decoding: State.self)
        else { throw CoopError.storage("The order state could not be read.") }
        struct Now: Decodable {
            let id: UUID
            let price_minor: Int64
            let stock: Int64?
            let active: Bool
        }
        var listings: [UUID: Now] = [:]
        for l in try await sql.raw(
            "SELECT id, price_minor, stock, active FROM listings WHERE id IN (\(binds: Array(Set(jobs.map(\.offer.id)))))"
        ).all(decoding: Now.self) {
            listings[l.id] = l
        }
        let fee = Fraction(basisPoints: state.fee ?? 0)
        var number = Int(state.last)
        var head: AuditEntry?
        if let seq = state.head_sequence, let hash = state.head_hash {
            head = AuditEntry(sequence: seq, timestampMillis: 0, kind: "", payload: "", previousHash: "", hash: hash)
        }
        var audit = AuditWriter(after: head)
        let orders = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("orders")), on: sql).columns(
            "id", "number", "listing_id", "customer_id", "worker_id", "quantity", "unit", "unit_price_minor", "price_minor", "fee_bp",
            "fee_cap_minor", "fee_minor", "worker_minor", "state", "customer_reviewed", "worker_reviewed", "scheduled_at", "note",
            "created_at",
            "updated_at", "title")
        let events = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("order_events")), on: sql)
            .columns("id", "order_id", "action", "role", "state", "at")
        var taken: [UUID: Int64] = [:]
        var results: [Result<OrderRecord, any Error>] = []
        // Bookings are checked against the worker's hours and bookings under the write lock.
        let rules = BookingRules(
            minimum: PolicyKey.bookingMinimumMinutes.number(stored: state.booking_minimum),
            step: PolicyKey.bookingStepMinutes.number(stored: state.booking_step))
        let refusals = try await BookingStore.check(jobs, rules: rules, on: db)
        for (job, refusal) in zip(jobs, refusals) {
            if let refusal {
                results.append(.failure(refusal))
                continue
            }
            let id = job.offer.id
            guard let l = listings[id], l.active || job.unlisted else {
                results.append(.failure(CoopError.conflict("This listing is no longer offered.")))
                continue
            }
            if job.offer.kind == .good {
                do {
                    taken[id] = try OrderStock.reserve(job.quantity, stock: l.stock, taken: taken[id, default: 0])
                } catch {
                    results.append(.failure(error))
                    continue
                }
            }
            let b: PriceBreakdown
            do {
                b = try PriceBreakdown.ordering(
                    unit: job.offer.unit.rawValue, priceMinor: l.price_minor, quantity: job.quantity, fee: fee,
                    feeCap: PriceBreakdown.cap(minorUnits: state.fee_cap, currency: job.currency), currency: job.currency)
            } catch {
                results.append(.failure(error))
                continue
            }
            number += 1
            let o = OrderRecord()
            o.id = UUID()
            o.number = number
            o.listingID = id
            o.customerID = job.customer
            o.workerID = job.offer.workerID
            o.quantity = job.quantity
            o.unit = job.offer.unit
            o.unitPriceMinor = l.price_minor
            o.priceMinor = b.price.minorUnits
            o.feeBasisPoints = fee.basisPoints
            o.feeMinor = b.fee.minorUnits
            o.feeCapMinor = b.feeCap?.minorUnits
            o.workerMinor = b.workerReceives.minorUnits
            o.state = .requested
            o.customerReviewed = false
            o.workerReviewed = false
            o.scheduledAt = job.scheduledAt
            o.note = job.note
            o.title = job.offer.title
            o.createdAt = job.at
            o.updatedAt = job.at
            // Stored below: later saves of this record update the row.
            o.$id.exists = true
            orders.values(
                [
                    SQLBind(o.id), SQLBind(o.number), SQLBind(id), SQLBind(o.customerID), SQLBind(o.workerID), SQLBind(o.quantity),
                    SQLBind(o.unit.rawValue), SQLBind(o.unitPriceMinor), SQLBind(o.priceMinor), SQLBind(o.feeBasisPoints),
                    o.feeCapMinor.map { SQLBind($0) } ?? SQLLiteral.null, SQLBind(o.feeMinor),
                    SQLBind(o.workerMinor), SQLBind(o.state.rawValue), SQLBind(false), SQLBind(false),
                    o.scheduledAt.map { SQLBind($0) } ?? SQLLiteral.null, SQLBind(o.note), SQLBind(job.at), SQLBind(job.at),
                    SQLBind(job.offer.title),
                ] as [any SQLExpression])
            events.values(
                [
                    SQLBind(UUID()), SQLBind(o.id), SQLBind("place"), SQLBind(OrderRole.customer.rawValue), SQLBind(o.state.rawValue),
                    SQLBind(job.at),
                ]
                    as [any SQLExpression])
            audit.add(
                AuditEvent(
                    kind: "order.place",
                    [
                        "order": .int(Int64(o.number)), "state": .string(o.state.rawValue), "role": .string(OrderRole.customer.rawValue),
                        "price_minor": .int(o.priceMinor), "fee_minor": .int(o.feeMinor),
                    ]), at: job.at)
            results.append(.success(o))
        }
        guard results.contains(where: { (try? $0.get()) != nil }) else { return results }
        if !taken.isEmpty {
            // Under the write lock the stock read above is current: what was taken always fits.
            let list = SQLList(taken.map { SQLGroupExpression([SQLBind($0.key), SQLBind($0.value)] as [any SQLExpression]) })
            try await sql.raw(
                """
                UPDATE listings SET stock = stock - (SELECT t.column2 FROM (VALUES \(list)) AS t WHERE t.column1 = listings.id) \
                WHERE id IN (\(binds: Array(taken.keys)))
                """
            ).run()
        }
        try await orders.run()
        try await events.run()
        try await audit.flush(on: db)
        let placed = zip(jobs, results).compactMap { job, r in
            job.unlisted ? nil : (try? r.get()).map { (order: $0, title: job.offer.title, workerUser: job.offer.workerUserID) }
        }
        try await Notices.ordersPlaced(placed, on: db, at: jobs.map(\.at).max() ?? jobs[0].at)
        return results
    }
}
