import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// A member's statement: shares, capital account with its history, patronage and dividends per
/// fiscal period, and earnings. Amounts in minor units.
struct Statement: Content, Equatable {
    struct Period: Content, Equatable {
        let number: Int
        let startsAt: Date
        let endsAt: Date
        let status: String
        let measure: String?
        let patronage: Int64?
        let dividend: Int64?
        let cash: Int64?
        let capital: Int64?
        let earnings: Int64
    }
    let memberNumber: Int?
    let name: String
    let classID: String
    let status: String
    let shares: Int
    let shareCapital: Int64
    let capitalAccount: Int64
    let dividendsPayable: Int64
    let earningsPayable: Int64
    let currency: String
    let periods: [Period]
    let capitalHistory: [LedgerEntryView]

    /// A membership's statement, read from the ledger and the periods' lines.
    static func of(_ m: MembershipRecord, bylaws: Bylaws, on db: any Database) async throws -> Statement {
        let id = try m.requireID()
        let key = id.uuidString.lowercased()
        let cur = bylaws.currency
        func owed(_ account: Account) async throws -> Int64 {
            account.kind.normalBalance(ofSum: try await LedgerStore.balance(of: account, currency: cur, on: db))
        }
        let byPeriod = try await FiscalPeriodStore.lines(of: id, on: db)
        var periods: [Period] = []
        for p in try await FiscalPeriodStore.all(newestFirst: true, on: db) {
            let line = byPeriod[try p.requireID()]
            let formula = try p.lockedFormula
            let earned = Account.earningsPayable(member: key)
            let earnings = earned.kind.normalBalance(ofSum: try await PeriodLedger.sum(of: earned, in: p, currency: cur, on: db))
            let closed = p.status != .open
            periods.append(
                Period(
                    number: p.number, startsAt: p.startsAt, endsAt: p.endsAt, status: p.status.rawValue,
                    measure: formula.measures[m.classID]?.rawValue, patronage: closed ? line?.patronage ?? 0 : nil,
                    dividend: closed ? line?.dividend ?? 0 : nil, cash: closed ? line?.cash ?? 0 : nil,
                    capital: closed ? line?.capital ?? 0 : nil, earnings: earnings))
        }
        let name = try await FinanceQueries.user(m.userID, on: db)?.name ?? ""
        return Statement(
            memberNumber: m.memberNumber, name: name, classID: m.classID, status: m.status.rawValue, shares: m.shares,
            shareCapital: try await owed(.shareCapital(member: key)), capitalAccount: try await owed(.capitalAccount(member: key)),
            dividendsPayable: try await owed(.dividendPayable(member: key)),
            earningsPayable: try await owed(.earningsPayable(member: key)), currency: cur.code, periods: periods,
            capitalHistory: try await LedgerStore.entries(accounts: [Account.capitalAccount(member: key).code], on: db))
    }

    /// The statement as CSV, one fact a row: `section,period,from,to,item,amount`; amounts in
    /// decimal units of the co-op's currency, dates as ISO 8601 days.
    func csv() -> String {
        let cur = Currency(code: currency)
        func money(_ m: Int64) -> String { Money(minorUnits: m, currency: cur).decimalString }
        var rows = [["section", "period", "from", "to", "item", "amount"]]
        rows.append(["member", "", "", "", "member number", memberNumber.map(String.init) ?? ""])
        rows.append(["member", "", "", "", "class", classID])
        rows.append(["shares", "", "", "", "shares held", String(shares)])
        rows.append(["shares", "", "", "", "share capital", money(shareCapital)])
        rows.append(["capital account", "", "", "", "balance", money(capitalAccount)])
        for e in capitalHistory.reversed() { rows.append(["capital account", "", Layout.day(e.postedAt), "", e.memo, money(-e.amount)]) }
        rows.append(["dividends", "", "", "", "cash dividends owed to you", money(dividendsPayable)])
        rows.append(["earnings", "", "", "", "earnings owed to you", money(earningsPayable)])
        for p in periods.reversed() {
            let head = ["period", String(p.number), Layout.day(p.startsAt), Layout.day(p.endsAt)]
            rows.append(head + ["status", p.status])
            rows.append(head + ["earnings", money(p.earnings)])
            if let patronage = p.patronage, let measure = p.measure {
                let shown = ["earnings", "spending"].contains(measure) ? money(patronage) : String(patronage)
                rows.append(head + ["patronage (\(measure))", shown])
            }
            if let d = p.dividend, let c = p.cash, let k = p.capital {
                rows.append(head + ["dividend", money(d)])
                rows.append(head + ["dividend paid in cash", money(c)])
                rows.append(head + ["dividend credited to capital account", money(k)])
            }
        }
        return CSVText.lines(rows)
    }
}

/// RFC 4180 text: fields quoted where they hold a comma, a quote or a line break, formulas
/// defused (``CSVCell``); CRLF line ends.
enum CSVText {
    static func field(_ s: String) -> String { CSVCell.field(s) }

    static func lines(_ rows: [[String]]) -> String { rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined() }

    static func response(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
