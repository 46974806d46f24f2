/// When a person's data may be erased: not while they hold shares or may come to, and not while
/// an order of theirs is under way.
public enum Erasure {
    /// Whether a membership in this status keeps its person from erasure: a member's shares are on
    /// the register, and an application under way may put them there. An unknown status does not.
    public static func blocks(_ status: MembershipStatus?) -> Bool {
        guard let status else { return false }
        return [.admitted, .awaitingPayment, .awaitingSteward, .awaitingVote].contains(status)
    }

    /// Whether an order in this state keeps its customer and worker from erasure: one not yet
    /// completed, declined, cancelled, settled or reviewed. An unknown state does.
    public static func blocks(_ state: OrderState?) -> Bool {
        guard let state else { return true }
        return ![.completed, .declined, .cancelled, .settled, .reviewed].contains(state)
    }
}
