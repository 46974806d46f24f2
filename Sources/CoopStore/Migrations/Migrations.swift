import FluentKit
import SQLKit

/// The numbered migrations, in order. Never edit one that has landed: add a new one.
public func registerMigrations(_ migrations: Migrations) {
    migrations.add(M001CreateUsers())
    migrations.add(M000FluentSessions())
    migrations.add(M002CreateMemberships())
    migrations.add(M003CreatePayments())
    migrations.add(M004CreateLedger())
    migrations.add(M005CreateBylawsAndPolicies())
    migrations.add(M006CreateAuditEntries())
    migrations.add(M007CreateLoginAttemptsAndTokens())
    migrations.add(M008CreateGovernance())
    migrations.add(M009AddLookupIndexes())
    migrations.add(M010CreateListings())
    migrations.add(M011CreateOrders())
    migrations.add(M012CreateOrderPayments())
    migrations.add(M013CreateReviews())
    migrations.add(M014CreateOrderMessages())
    migrations.add(M015CreateJobs())
    migrations.add(M016AddSearchRevision())
    migrations.add(M017CreateFiscalPeriods())
    migrations.add(M018SealAuditAndBallots())
    migrations.add(M019AddPaymentFailures())
    migrations.add(M020CreateSessions())
    migrations.add(M021AddOrderFeeCap())
    migrations.add(M031CreatePayouts())
    migrations.add(M032CreateCandidateStatements())
    migrations.add(M033CreateBudgetPayments())
    migrations.add(M022CreateNotifications())
    migrations.add(M023CreateMailOutbox())
    migrations.add(M024CreateMailPreferences())
}
