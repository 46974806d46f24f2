import CoopStore
import Vapor

// The membership read models, sent as they are in JSON.
extension RegisterRow: Content {}
extension QueueRow: Content {}
extension MembershipSummary: Content {}
extension MembershipSummary.Payment: Content {}
