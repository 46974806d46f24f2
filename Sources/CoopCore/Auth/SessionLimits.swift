/// How long a session lasts: idle (without a request) and in all, in milliseconds.
public struct SessionLimits: Sendable, Equatable {
    /// How long a session with someone logged in lasts without a request.
    public let idleMillis: Int64
    /// How long a session with nobody logged in lasts without a request.
    public let anonymousIdleMillis: Int64
    /// How long a session lasts after it began, whatever happens.
    public let lifetimeMillis: Int64

    /// Limits in milliseconds.
    public init(idleMillis: Int64, anonymousIdleMillis: Int64, lifetimeMillis: Int64) {
        self.idleMillis = idleMillis
        self.anonymousIdleMillis = anonymousIdleMillis
        self.lifetimeMillis = lifetimeMillis
    }

    /// Whether a session created at `createdMillis` and last used at `seenMillis` has ended at `nowMillis`.
    public func expired(loggedIn: Bool, createdMillis: Int64, seenMillis: Int64, nowMillis: Int64) -> Bool {
        nowMillis - seenMillis > (loggedIn ? idleMillis : anonymousIdleMillis) || nowMillis - createdMillis > lifetimeMillis
    }

    /// The times before which a session has ended at `nowMillis`: created before `created`, last
    /// used before `seen`, or with nobody logged in and last used before `seenAnonymous`.
    public func cutoffs(nowMillis: Int64) -> (created: Int64, seen: Int64, seenAnonymous: Int64) {
        (nowMillis - lifetimeMillis, nowMillis - idleMillis, nowMillis - anonymousIdleMillis)
    }
}
