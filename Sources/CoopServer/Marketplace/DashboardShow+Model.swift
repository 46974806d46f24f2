import CoopCore
import CoopStore

/// A member's dashboard (`GET /dashboard`): as a worker, offers, availability, hours and
/// earnings by month; as a customer, their orders and job requests. Its model is the API's
/// ``Dashboard``, loaded by ``Dashboard/load(user:member:bylaws:on:at:)``.
enum DashboardShow {
    typealias Model = Dashboard
}
