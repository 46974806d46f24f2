import CoopCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Orders wait here for the next write transaction, which places all of them (up to 256) with a
/// fixed number of statements, however many there are: one read of the fee in force, the next
/// number and the audit head; one of the listings as they are now; one update of the stock of the
/// goods sold; one insert each of orders, their events and their audit entries. Each order is
/// still checked on its own, in turn, against the stock the ones before it left: one refused
/// writes nothing. Its customer is answered once the transaction has committed.
actor OrderBox {
    struct Job: Sendable {
        let offer: Orders.Offer
        let customer: UUID
        let quantity: Int64
        let scheduledAt: Date?
        let note: String
        /// An accepted job's private listing: never listed, but ordered all the same.
        let unlisted: Bool
        let at: Date
    }

    static let batchLimit = 256

    private var pending: [(job: Job, reply: CheckedContinuation<OrderRecord, any Error>)] = []
    private var draining = false

    func place(_ job: Job, currency: Currency, on db: any Database, coop: CoopContext) async throws -> OrderRecord {
        try await withCheckedThrowingContinuation { reply in
            pending.append((job, reply))
            if !draining {
                draining = true
                Task { await drain(currency: currency, on: db, coop: coop) }
            }
        }
    }

    private func drain(currency: Currency, on db: any Database, coop: CoopContext) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.batchLimit))
            pending.removeFirst(batch.count)
            let jobs = batch.map(\.job)
            let results: [Result<OrderRecord, any Error>]
            do {
                results = try await coop.write(on: db) { tx in try await Self.record(jobs, currency: currency, on: tx) }
            } catch {
                // Nothing of the batch was committed: every customer in it is told so.
                results = jobs.map { _ in .failure(error) }
            }
            for (entry, result) in zip(batch, results) { entry.reply.resume(with: result) }
        }
        draining = false
    }

    /// Places the orders in the caller's transaction, in turn; each one's order or reason.
    static func record(_ jobs: [Job], currency: Currency, on db: any Database) async throws -> [Result<OrderRecord, any Error>] {
        guard let sql = db as? any SQLDatabase, !jobs.isEmpty else { throw Abort(.internalServerError) }
        struct State: Decodable {
            let fee: Int64?
            let last: Int64
            let head_sequence: Int64?
            let head_hash: String?
        }
        guard
            let state = try await sql.raw(
                """
                SELECT (SELECT value_number FROM policies WHERE key = 'platform_fee') AS fee, \
                (SELECT COALESCE(MAX(number), 0) FROM orders) AS last, \
                (SELECT MAX(sequence) FROM audit_entries) AS head_sequence, \
                (SELECT hash FROM audit_entries ORDER BY sequence DESC LIMIT 1) AS head_hash
                """
            ).first(decoding: State.self)
        else { throw Abort(.internalServerError) }
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
        let orders = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("orders")), on: sql).columns(
            "id", "number", "listing_id", "customer_id", "worker_id", "quantity", "unit", "unit_price_minor", "price_minor", "fee_bp",
            "fee_minor", "worker_minor", "state", "customer_reviewed", "worker_reviewed", "scheduled_at", "note", "created_at",
            "updated_at")
        let events = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("order_events")), on: sql)
            .columns("id", "order_id", "action", "role", "state", "at")
        let audit = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("audit_entries")), on: sql)
            .columns("sequence", "at_millis", "kind", "payload", "previous_hash", "hash")
        var taken: [UUID: Int64] = [:]
        var results: [Result<OrderRecord, any Error>] = []
        for job in jobs {
            let id = job.offer.id
            guard let l = listings[id], l.active || job.unlisted else {
                results.append(.failure(CoopError.conflict("This listing is no longer offered.")))
                continue
            }
            if job.offer.kind == ListingKind.good.rawValue {
                // Never below zero, however many order the last items at once.
                let left = (l.stock ?? 0) - taken[id, default: 0]
                guard left >= job.quantity else {
                    results.append(.failure(CoopError.conflict("Only \(left) left; order fewer.")))
                    continue
                }
                taken[id, default: 0] += job.quantity
            }
            let b: PriceBreakdown
            do {
                b = try Orders.breakdown(
                    unit: job.offer.unit, priceMinor: l.price_minor, quantity: job.quantity, fee: fee, currency: currency)
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
            o.workerMinor = b.workerReceives.minorUnits
            o.state = OrderState.requested.rawValue
            o.customerReviewed = false
            o.workerReviewed = false
            o.scheduledAt = job.scheduledAt
            o.note = job.note
            o.createdAt = job.at
            o.updatedAt = job.at
            // Stored below: later saves of this record update the row.
            o.$id.exists = true
            orders.values(
                [
                    SQLBind(o.id), SQLBind(o.number), SQLBind(id), SQLBind(o.customerID), SQLBind(o.workerID), SQLBind(o.quantity),
                    SQLBind(o.unit), SQLBind(o.unitPriceMinor), SQLBind(o.priceMinor), SQLBind(o.feeBasisPoints), SQLBind(o.feeMinor),
                    SQLBind(o.workerMinor), SQLBind(o.state), SQLBind(false), SQLBind(false),
                    o.scheduledAt.map { SQLBind($0) } ?? SQLLiteral.null, SQLBind(o.note), SQLBind(job.at), SQLBind(job.at),
                ] as [any SQLExpression])
            events.values(
                [SQLBind(UUID()), SQLBind(o.id), SQLBind("place"), SQLBind(OrderRole.customer.rawValue), SQLBind(o.state), SQLBind(job.at)]
                    as [any SQLExpression])
            let entry = AuditChain.append(
                AuditEvent(
                    kind: "order.place",
                    [
                        "order": .int(Int64(o.number)), "state": .string(o.state), "role": .string(OrderRole.customer.rawValue),
                        "price_minor": .int(o.priceMinor), "fee_minor": .int(o.feeMinor),
                    ]), after: head, at: job.at.millis)
            head = entry
            audit.values(
                [
                    SQLBind(entry.sequence), SQLBind(entry.timestampMillis), SQLBind(entry.kind), SQLBind(entry.payload),
                    SQLBind(entry.previousHash), SQLBind(entry.hash),
                ] as [any SQLExpression])
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
        try await audit.run()
        return results
    }
}
