import CoopCore
import CoopStore
import Vapor

/// The finances part of the JSON API.
enum FinanceAPI {
    static func register(_ api: APIRoutes) {
        api.on(.GET, .finances, summary: "Each fiscal period's totals and the platform fee's history", auth: .anyone) {
            req async throws -> FinancesDTO in
            let bylaws = try await req.bylaws()
            return FinancesDTO(
                currency: bylaws.currency.code, periods: try await Finances.periods(bylaws, on: req.db),
                feeHistory: try await Finances.feeHistory(bylaws, on: req.db))
        }
        api.on(.GET, .period, summary: "A fiscal period: totals, the locked formula, class pools and your own line", auth: .anyone) {
            req async throws -> FinanceActions.PeriodView in
            try await FinanceActions.periodView(req, number: try FinancePages.number(req))
        }
        api.on(
            .POST, .periodClose, summary: "Steward: close an ended period; its allocation goes to a member vote (idempotent)",
            auth: .steward
        ) { req async throws -> FinanceActions.PeriodView in
            let n = try FinancePages.number(req)
            _ = try await FinanceActions.closePeriod(req, number: n)
            return try await FinanceActions.periodView(req, number: n)
        }
        api.on(.GET, .expenses, summary: "Steward: recent expenses", auth: .steward) { req async throws -> [LedgerEntryView] in
            _ = try await req.requireSteward()
            return try await Finances.expenses(on: req.db)
        }
        api.on(
            .POST, .expenses, summary: "Steward: record an expense paid from the co-op's cash", auth: .steward,
            body: Finances.ExpenseInput.self, status: .created
        ) { req async throws -> ExpenseDTO in
            ExpenseDTO(transaction: try await FinanceActions.recordExpense(req))
        }
        api.on(
            .GET, .statement, summary: "My statement: shares, capital account, patronage and dividends by period, earnings", auth: .user
        ) { req async throws -> Statement in
            try await FinanceActions.statement(req)
        }
        api.on(.GET, .openData, summary: "The open datasets", auth: .anyone) { req async throws -> [DatasetDTO] in
            OpenData.datasets.map {
                DatasetDTO(
                    id: $0.id, title: $0.title, description: $0.description, columns: $0.columns,
                    csv: SiteURL.openDataFile($0.id + ".csv").path, json: SiteURL.openDataFile($0.id + ".json").path)
            }
        }
        api.raw(
            .GET, .openDataFile,
            summary: "One open dataset as CSV or JSON (file: <dataset>.csv or <dataset>.json); small groups suppressed", auth: .anyone,
            response: nil
        ) { req async throws -> Response in
            try await FinanceActions.openDataFile(req, name: req.parameters.get("file") ?? "")
        }
        api.raw(.GET, .myData, summary: "Everything Coop holds about you, as JSON", auth: .user, response: nil) {
            req async throws -> Response in
            try await FinanceActions.exportMine(req)
        }
        api.on(
            .POST, .myDataErase,
            summary: "Erase yourself: personal fields pseudonymised, ledger and tallies kept (password and confirm: yes)", auth: .user,
            body: FinanceActions.EraseInput.self, status: .noContent
        ) { req in
            try await FinanceActions.eraseMe(req)
        }
    }

    struct FinancesDTO: Content {
        let currency: String
        let periods: [Finances.Period]
        let feeHistory: [Finances.FeeChange]
    }

    struct ExpenseDTO: Content {
        let transaction: UUID
    }

    struct DatasetDTO: Content {
        let id: String
        let title: String
        let description: String
        let columns: [String]
        let csv: String
        let json: String
    }
}
