import CoopStore
import Vapor

// The store's read models, sent as they are in JSON.
extension LedgerEntryView: Content {}
extension PolicyView: Content {}
extension PolicyView.Change: Content {}
