/// The states of a payment for shares, recorded offline and confirmed by a steward.
public enum SharePaymentStatus: String, Sendable, Codable, CaseIterable {
    /// Recorded and waiting for a steward to confirm that the money arrived.
    case pending
    /// A steward confirmed it: the shares are the member's and the money is on the ledger.
    case confirmed
    /// Marked as not received: it no longer counts.
    case failed
}
