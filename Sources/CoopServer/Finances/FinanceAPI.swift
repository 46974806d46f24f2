import CoopCore
import CoopStore
import Vapor

/// The finances part of the JSON API.
enum FinanceAPI {
    static func register(_ api: any RoutesBuilder) {
        api.on(.GET, APIPath.finances) { req async throws -> FinancesDTO in
            let bylaws = try await req.bylaws()
            return FinancesDTO(
                currency: bylaws.currency.code, periods: try await Finances.periods(bylaws, on: req.db),
                feeHistory: try await Finances.feeHistory(bylaws, on: req.db))
        }
        api.on(.GET, APIPath.period) { req async throws -> FinanceActions.PeriodView in
            try await FinanceActions.periodView(req, number: try FinancePages.number(req))
        }
        api.on(.POST, APIPath.periodClose) { req async throws -> FinanceActions.PeriodView in
            let n = try FinancePages.number(req)
            _ = try await FinanceActions.closePeriod(req, number: n)
            return try await FinanceActions.periodView(req, number: n)
        }
        api.on(.GET, APIPath.expenses) { req async throws -> [LedgerEntryView] in
            _ = try await req.requireSteward()
            return try await Finances.expenses(on: req.db)
        }
        api.on(.POST, APIPath.expenses) { req async throws -> Response in
            let id = try await FinanceActions.recordExpense(req)
            return try await ExpenseDTO(transaction: id).encodeResponse(status: .created, for: req)
        }
        api.on(.GET, APIPath.statement) { req async throws -> Statement in try await FinanceActions.statement(req) }
        api.on(.GET, APIPath.openData) { req async throws -> [DatasetDTO] in
            OpenData.datasets.map {
                DatasetDTO(
                    id: $0.id, title: $0.title, description: $0.description, columns: $0.columns,
                    csv: SiteURL.openDataFile($0.id + ".csv").path, json: SiteURL.openDataFile($0.id + ".json").path)
            }
        }
        api.on(.GET, APIPath.openDataFile) { req async throws -> Response in
            try await FinanceActions.openDataFile(req, name: req.parameters.get("file") ?? "")
        }
        api.on(.GET, APIPath.myData) { req async throws -> Response in try await FinanceActions.exportMine(req) }
        api.on(.POST, APIPath.myDataErase) { req async throws -> HTTPStatus in
            try await FinanceActions.eraseMe(req)
            return .noContent
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
