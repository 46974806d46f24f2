import CoopCore
import FluentKit
import Foundation

/// Where a general assembly stands.
public enum AssemblyStatus: String, Sendable, Codable, CaseIterable {
    /// Convened: members are notified; proxies may be given.
    case convened
    /// In session: members check in and vote.
    case open
    /// Over.
    case closed
}

/// A general assembly, convened by a steward with a notice period and an agenda of proposals.
public final class AssemblyRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assemblies"
    /// The assembly's id.
    @ID(key: .id) public var id: UUID?
    /// Its number, from 1, in links.
    @Field(key: "number") public var number: Int
    /// Its title ("Annual general meeting 2026").
    @Field(key: "title") public var title: String
    /// When it begins.
    @Field(key: "starts_at") public var startsAt: Date
    /// Where it meets in person; empty if only online.
    @Field(key: "place") public var place: String
    /// How to join online; empty if only in person.
    @Field(key: "online") public var online: String
    /// Convened, open or closed.
    @Field(key: "status") public var status: AssemblyStatus
    /// The notice period in force when it was convened, in days.
    @Field(key: "notice_days") public var noticeDays: Int
    /// The steward's user who convened it.
    @Field(key: "convened_by") public var convenedBy: UUID
    /// When it was convened.
    @Field(key: "convened_at") public var convenedAt: Date
    /// When the chair opened it.
    @OptionalField(key: "opened_at") public var openedAt: Date?
    /// When the chair closed it.
    @OptionalField(key: "closed_at") public var closedAt: Date?

    /// An empty record, for Fluent and for a new assembly.
    public init() {}
}

/// One proposal on an assembly's agenda, in order.
public final class AssemblyAgendaRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_agenda"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The assembly.
    @Field(key: "assembly_id") public var assemblyID: UUID
    /// Its place on the agenda, from 1.
    @Field(key: "position") public var position: Int
    /// The proposal.
    @Field(key: "proposal_id") public var proposalID: UUID

    /// An empty record.
    public init() {}
}

/// A member called to an assembly: their check-in code and whether and how they attend.
public final class AssemblyMemberRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_members"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The assembly.
    @Field(key: "assembly_id") public var assemblyID: UUID
    /// The membership.
    @Field(key: "membership_id") public var membershipID: UUID
    /// The member's check-in code (``CheckInCode``), shown only to them.
    @Field(key: "code") public var code: String
    /// How they attend, once checked in.
    @OptionalField(key: "presence") public var presence: Presence?
    /// When they were checked in.
    @OptionalField(key: "checked_in_at") public var checkedInAt: Date?
    /// Who checked them in (a steward, or themselves online).
    @OptionalField(key: "checked_in_by") public var checkedInBy: UUID?

    /// An empty record.
    public init() {}
}

/// A written proxy from one member to another for one assembly; ended when revoked or when the
/// giver arrives, never deleted.
public final class AssemblyProxyRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_proxies"
    /// The proxy's id.
    @ID(key: .id) public var id: UUID?
    /// The assembly.
    @Field(key: "assembly_id") public var assemblyID: UUID
    /// The member who gave it.
    @Field(key: "giver_id") public var giverID: UUID
    /// The member who holds it.
    @Field(key: "holder_id") public var holderID: UUID
    /// When it was given.
    @Field(key: "given_at") public var givenAt: Date
    /// When it ended, if it has.
    @OptionalField(key: "ended_at") public var endedAt: Date?
    /// Why it ended: `revoked` or `arrived`.
    @OptionalField(key: "ended_why") public var endedWhy: String?

    /// An empty record.
    public init() {}
}

/// An agenda item opened for voting: the attendance and the voters frozen at that moment.
public final class AssemblyItemRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_items"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The assembly.
    @Field(key: "assembly_id") public var assemblyID: UUID
    /// The proposal on its agenda.
    @Field(key: "proposal_id") public var proposalID: UUID
    /// When the chair opened it.
    @Field(key: "opened_at") public var openedAt: Date
    /// The steward's user who opened it.
    @Field(key: "opened_by") public var openedBy: UUID
    /// When the chair closed it.
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// Members present in person then.
    @Field(key: "in_person") public var inPerson: Int
    /// Members present online then.
    @Field(key: "online") public var online: Int
    /// Absent members represented by a present proxy holder then.
    @Field(key: "by_proxy") public var byProxy: Int
    /// Members called to the assembly.
    @Field(key: "eligible") public var eligible: Int
    /// The quorum of the proposal's kind, in basis points, as the bylaws said then.
    @Field(key: "quorum_bp") public var quorumBasisPoints: Int64
    /// Whether the attendance reached it.
    @Field(key: "quorum_met") public var quorumMet: Bool
    /// The memberships whose votes count on this item (present and represented), as a JSON array.
    @Field(key: "voters") public var voters: String
    /// Paper ballots handed out by tellers (one per vote the member carries).
    @Field(key: "paper_issued") public var paperIssued: Int
    /// Paper ballots entered by two tellers and counted.
    @Field(key: "paper_counted") public var paperCounted: Int
    /// Paper ballots the tellers could not read.
    @Field(key: "paper_spoilt") public var paperSpoilt: Int

    /// The attendance as counted when the item opened.
    public var count: AttendanceCount { AttendanceCount(eligible: eligible, inPerson: inPerson, online: online, byProxy: byProxy) }

    /// An empty record.
    public init() {}
}

/// A member the chair appointed to hand out and enter paper ballots at an assembly.
public final class AssemblyTellerRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_tellers"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The assembly.
    @Field(key: "assembly_id") public var assemblyID: UUID
    /// The teller's membership.
    @Field(key: "membership_id") public var membershipID: UUID
    /// The steward's user who appointed them.
    @Field(key: "appointed_by") public var appointedBy: UUID
    /// When.
    @Field(key: "appointed_at") public var appointedAt: Date

    /// An empty record.
    public init() {}
}

/// One teller's entry of a batch of paper ballots, waiting for a second teller's to agree.
public final class AssemblyPaperEntryRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_paper_entries"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The item voted on.
    @Field(key: "item_id") public var itemID: UUID
    /// The teller's membership who entered it.
    @Field(key: "teller_id") public var tellerID: UUID
    /// The ballots read, as JSON.
    @Field(key: "ballots") public var ballots: String
    /// Slips that could not be read.
    @Field(key: "spoilt") public var spoilt: Int
    /// When.
    @Field(key: "entered_at") public var enteredAt: Date

    /// An empty record.
    public init() {}
}

/// A receipt code printed on a paper ballot slip for an agenda item, kept only as its hash.
public final class AssemblyPaperSlipRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_paper_slips"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The assembly that printed it.
    @Field(key: "assembly_id") public var assemblyID: UUID
    /// The proposal the slip is for.
    @Field(key: "proposal_id") public var proposalID: UUID
    /// The SHA-256 of the code (``ReceiptCode/hash(_:)``), as the ballot's receipt hash will be.
    @Field(key: "code_hash") public var codeHash: String
    /// Whether a counted batch has entered the slip.
    @Field(key: "entered") public var entered: Bool

    /// An empty record.
    public init() {}
}

/// A member handed a paper ballot on an item: their own, or a giver's carried by `holderID`.
public final class AssemblyPaperVoterRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_paper_voters"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The item voted on.
    @Field(key: "item_id") public var itemID: UUID
    /// The member whose vote the slip is.
    @Field(key: "membership_id") public var membershipID: UUID
    /// The member who took the slip (the same, or their proxy holder).
    @Field(key: "holder_id") public var holderID: UUID
    /// Whether a counted batch has entered the member's slip (open items only: a secret item's
    /// slips name nobody).
    @Field(key: "entered") public var entered: Bool

    /// An empty record.
    public init() {}
}
