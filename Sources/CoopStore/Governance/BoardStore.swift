import CoopCore
import FluentKit
import Foundation

/// The board: who holds a seat now, and seating an elected board.
public enum BoardStore {
    /// A member holding a board seat now.
    public struct Member: Sendable, Equatable {
        /// The member's name.
        public let name: String
        /// The member number (given on admission).
        public let memberNumber: Int?
        /// When the term ends.
        public let termEndsAt: Date

        /// A seated member.
        public init(name: String, memberNumber: Int?, termEndsAt: Date) {
            self.name = name
            self.memberNumber = memberNumber
            self.termEndsAt = termEndsAt
        }
    }

    /// The members holding a seat now, in the order they were seated.
    public static func current(on db: any Database) async throws -> [Member] {
        var out: [Member] = []
        for seat in try await BoardSeatRecord.query(on: db).filter(\.$endedAt == nil).sort(\.$seatedAt).all() {
            guard let m = try await MembershipRecord.find(seat.membershipID, on: db), let u = try await UserRecord.find(m.userID, on: db)
            else { continue }
            out.append(Member(name: u.name, memberNumber: m.memberNumber, termEndsAt: seat.termEndsAt))
        }
        return out
    }

    /// Ends every current term at `date`.
    public static func endTerms(on db: any Database, at date: Date) async throws {
        for seat in try await BoardSeatRecord.query(on: db).filter(\.$endedAt == nil).all() {
            seat.endedAt = date
            try await seat.save(on: db)
        }
    }

    /// Seats a member elected by `proposal`, from `date` to `termEndsAt`.
    public static func seat(membership: UUID, proposal: UUID, termEndsAt: Date, on db: any Database, at date: Date) async throws {
        let seat = BoardSeatRecord()
        seat.membershipID = membership
        seat.proposalID = proposal
        seat.seatedAt = date
        seat.termEndsAt = termEndsAt
        try await seat.create(on: db)
    }
}
