import CoopCore
import CoopStore
import Vapor

/// The OpenAPI 3 description of `/api/v1`, served at `/openapi.json`. A test checks that its
/// operations are exactly the registered API routes.
enum OpenAPIDocument {
    struct Operation {
        let path: APIPath
        let method: HTTPMethod
        let summary: String
        let auth: Bool
        let request: String?
        let response: (status: Int, schema: String?)
    }

    static let operations: [Operation] = [
        .init(path: .users, method: .POST, summary: "Sign up", auth: false, request: "Signup", response: (201, "User")),
        .init(
            path: .tokens, method: .POST, summary: "Create a personal API token with email and password (throttled)", auth: false,
            request: "TokenRequest", response: (201, "Token")),
        .init(path: .token, method: .DELETE, summary: "Revoke one of your tokens", auth: true, request: nil, response: (204, nil)),
        .init(
            path: .coop, method: .GET, summary: "The co-op: name, purpose, classes with member counts, audit head", auth: false,
            request: nil, response: (200, "Coop")),
        .init(
            path: .policies, method: .GET, summary: "Governed policies with bounds and history", auth: false, request: nil,
            response: (200, "PolicyList")),
        .init(
            path: .members, method: .GET, summary: "The member register (members only)", auth: true, request: nil,
            response: (200, "Register")),
        .init(path: .membership, method: .GET, summary: "Your membership", auth: true, request: nil, response: (200, "Membership")),
        .init(
            path: .membership, method: .POST, summary: "Apply to join a stakeholder class", auth: true, request: "Apply",
            response: (201, "Membership")),
        .init(
            path: .membershipPayment, method: .POST, summary: "Record an offline payment for your shares", auth: true, request: "Payment",
            response: (201, "Membership")),
        .init(
            path: .membershipWithdraw, method: .POST, summary: "Withdraw; share capital becomes owed back", auth: true, request: nil,
            response: (200, "Membership")),
        .init(
            path: .membershipLedger, method: .GET, summary: "Ledger postings behind your membership", auth: true, request: nil,
            response: (200, "LedgerEntries")),
        .init(
            path: .stewardQueue, method: .GET, summary: "Payments and applications waiting for a steward", auth: true, request: nil,
            response: (200, "Queue")),
        .init(
            path: .paymentConfirm, method: .POST, summary: "Steward: confirm a payment was received", auth: true, request: nil,
            response: (204, nil)),
        .init(
            path: .paymentFail, method: .POST, summary: "Steward: mark a share payment as not received, with the reason",
            auth: true, request: "FailPayment", response: (204, nil)),
        .init(
            path: .applicationAdmit, method: .POST, summary: "Steward: admit an applicant", auth: true, request: nil, response: (204, nil)),
        .init(
            path: .applicationReject, method: .POST, summary: "Steward: refuse an applicant", auth: true, request: nil, response: (204, nil)
        ),
        .init(
            path: .proposals, method: .GET, summary: "Proposals, newest first", auth: false, request: nil, response: (200, "ProposalList")),
        .init(
            path: .proposals, method: .POST, summary: "Draft a proposal (members)", auth: true, request: "ProposalInput",
            response: (201, "Proposal")),
        .init(
            path: .proposal, method: .GET, summary: "A proposal, with its frozen rules and, after close, its outcome", auth: false,
            request: nil, response: (200, "Proposal")),
        .init(
            path: .proposalComments, method: .POST, summary: "Add to a proposal's discussion", auth: true, request: "Comment",
            response: (201, nil)),
        .init(
            path: .proposalStand, method: .POST, summary: "Stand as a candidate in an election (during discussion)", auth: true,
            request: nil, response: (204, nil)),
        .init(
            path: .proposalBallots, method: .POST, summary: "Cast a ballot; a secret ballot returns its receipt code", auth: true,
            request: "Ballot", response: (201, "Receipt")),
        .init(
            path: .proposalBallotChange, method: .POST, summary: "Change a ballot before close (secret: with its receipt code)", auth: true,
            request: "Ballot", response: (200, "Receipt")),
        .init(
            path: .proposalBulletin, method: .GET,
            summary: "After close: every counted ballot with its receipt hash and exact stored content, sorted by receipt hash",
            auth: false, request: nil, response: (200, "Bulletin")),
        .init(
            path: .listings, method: .GET,
            summary: "Search listings (query: q, category, minPrice, maxPrice, near=lat,lon, within km, page), in the members' ranking",
            auth: false, request: nil, response: (200, "ListingSearch")),
        .init(
            path: .listings, method: .POST, summary: "List a service or a good (worker-members; refused below the minimum pay)", auth: true,
            request: "ListingInput", response: (201, "Listing")),
        .init(path: .listing, method: .GET, summary: "A listing", auth: false, request: nil, response: (200, "Listing")),
        .init(
            path: .orders, method: .POST, summary: "Order a listing at the breakdown in force (the fee is frozen on the order)", auth: true,
            request: "OrderInput", response: (201, "Order")),
        .init(
            path: .orders, method: .GET, summary: "My orders, as customer and as worker", auth: true, request: nil,
            response: (200, "Orders")),
        .init(
            path: .order, method: .GET, summary: "An order (its parties and stewards only)", auth: true, request: nil,
            response: (200, "Order")),
        .init(
            path: .orderActions, method: .POST,
            summary:
                "Move an order: accept, decline, start, deliver, complete, review, cancel, dispute, settle (refused out of turn, with the reason)",
            auth: true, request: "OrderAction", response: (200, "Order")),
        .init(
            path: .orderPayment, method: .POST,
            summary:
                "Pay for an order: gateway offline (cash or bank_transfer, settled when a steward confirms) or test (demo, settles at once)",
            auth: true, request: "OrderPaymentInput", response: (201, "OrderPayment")),
        .init(
            path: .orderMessages, method: .POST, summary: "Write to the other party of an order", auth: true, request: "Comment",
            response: (201, "Order")),
        .init(
            path: .orderPaymentConfirm, method: .POST, summary: "A steward confirms an offline payment arrived", auth: true, request: nil,
            response: (204, nil)),
        .init(
            path: .orderPaymentFail, method: .POST, summary: "A steward marks an offline payment as not received, with the reason",
            auth: true, request: "FailPayment", response: (204, nil)),
        .init(
            path: .jobs, method: .POST,
            summary:
                "Post a job request (category, when, where, budget): the eligible workers are ranked by the governed weights and it is offered to the first",
            auth: true, request: "JobInput", response: (201, "Job")),
        .init(path: .jobs, method: .GET, summary: "My job requests, newest first", auth: true, request: nil, response: (200, "Jobs")),
        .init(
            path: .job, method: .GET,
            summary: "A job request with its ranking; a ranked worker sees why it came to them, or did not", auth: true, request: nil,
            response: (200, "Job")),
        .init(
            path: .jobAnswer, method: .POST,
            summary: "The offered worker accepts (it becomes an order) or declines (it passes to the next); the customer cancels",
            auth: true, request: "JobAnswer", response: (200, "Job")),
        .init(
            path: .workerProfile, method: .GET, summary: "My availability, skills and place, as the dispatcher sees them (worker-members)",
            auth: true, request: nil, response: (200, "WorkerProfile")),
        .init(
            path: .workerProfile, method: .PUT,
            summary: "Set my availability, skills and place; going unavailable declines an open offer", auth: true,
            request: "WorkerProfileInput", response: (200, "WorkerProfile")),
        .init(
            path: .dashboard, method: .GET,
            summary: "My dashboard: offers with their explanations, hours and earnings by month (workers), orders and job requests",
            auth: true, request: nil, response: (200, "Dashboard")),
        .init(
            path: .finances, method: .GET, summary: "Each fiscal period's totals and the platform fee's history", auth: false, request: nil,
            response: (200, "Finances")),
        .init(
            path: .period, method: .GET, summary: "A fiscal period: totals, the locked formula, class pools and your own line",
            auth: false, request: nil, response: (200, "Period")),
        .init(
            path: .periodClose, method: .POST,
            summary: "Steward: close an ended period; its allocation goes to a member vote (idempotent)", auth: true, request: nil,
            response: (200, "Period")),
        .init(
            path: .expenses, method: .GET, summary: "Steward: recent expenses", auth: true, request: nil, response: (200, "LedgerEntries")),
        .init(
            path: .expenses, method: .POST, summary: "Steward: record an expense paid from the co-op's cash", auth: true,
            request: "ExpenseInput", response: (201, "Expense")),
        .init(
            path: .statement, method: .GET, summary: "My statement: shares, capital account, patronage and dividends by period, earnings",
            auth: true, request: nil, response: (200, "Statement")),
        .init(path: .openData, method: .GET, summary: "The open datasets", auth: false, request: nil, response: (200, "Datasets")),
        .init(
            path: .openDataFile, method: .GET,
            summary: "One open dataset as CSV or JSON (file: <dataset>.csv or <dataset>.json); small groups suppressed", auth: false,
            request: nil, response: (200, nil)),
        .init(
            path: .myData, method: .GET, summary: "Everything Coop holds about you, as JSON", auth: true, request: nil, response: (200, nil)
        ),
        .init(
            path: .myDataErase, method: .POST,
            summary: "Erase yourself: personal fields pseudonymised, ledger and tallies kept (password and confirm: yes)", auth: true,
            request: "EraseInput", response: (204, nil)),
        .init(path: .auditHead, method: .GET, summary: "Head of the audit chain", auth: false, request: nil, response: (200, "AuditHead")),
        .init(
            path: .auditEntries, method: .GET, summary: "Audit entries after a sequence number (query: after, limit)", auth: false,
            request: nil, response: (200, "AuditEntries")),
        .init(
            path: .auditCheckpoints, method: .GET,
            summary: "Signed checkpoints of the audit chain's head, newest first (query: before, limit); check with coop audit verify",
            auth: false, request: nil, response: (200, "AuditCheckpoints")),
    ]

    static func object(_ props: [String: CanonicalValue], required: [String] = []) -> CanonicalValue {
        var o: [String: CanonicalValue] = ["type": "object", "properties": .object(props)]
        if !required.isEmpty { o["required"] = .array(required.map { .string($0) }) }
        return .object(o)
    }

    static let string: CanonicalValue = ["type": "string"]
    static let integer: CanonicalValue = ["type": "integer"]
    static let boolean: CanonicalValue = ["type": "boolean"]
    static let dateTime: CanonicalValue = ["type": "string", "format": "date-time"]
    static let uuid: CanonicalValue = ["type": "string", "format": "uuid"]
    static func ref(_ name: String) -> CanonicalValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func array(_ item: CanonicalValue) -> CanonicalValue { ["type": "array", "items": item] }

    static let schemas: [String: CanonicalValue] = [
        "Error": object(["error": boolean, "status": integer, "reason": string], required: ["error", "status", "reason"]),
        "Signup": object(["name": string, "email": string, "password": string], required: ["name", "email", "password"]),
        "User": object(["id": uuid, "email": string, "name": string]),
        "TokenRequest": object(["email": string, "password": string, "label": string], required: ["email", "password"]),
        "Token": object(["id": uuid, "label": string, "token": string]),
        "Class": object([
            "id": string, "name": string, "description": string, "sharePrice": string, "sharesRequired": integer,
            "admission": string, "members": integer,
        ]),
        "AuditHead": object(["sequence": integer, "hash": string, "kind": string, "at": dateTime]),
        "Coop": object([
            "name": string, "purpose": string, "currency": string, "classes": array(ref("Class")), "members": integer,
            "auditHead": ref("AuditHead"), "auditPublicKey": string,
        ]),
        "FailPayment": object(["reason": ["type": "string", "minLength": 3, "maxLength": 500]], required: ["reason"]),
        "AuditCheckpoints": array(
            object([
                "sequence": integer, "hash": string, "signedAtMillis": integer, "publicKey": string, "signature": string,
            ])),
        "Policy": object([
            "key": string, "type": string, "description": string, "value": string, "min": string, "max": string,
            "options": array(string),
            "history": array(object(["value": string, "changedAt": dateTime, "source": string, "proposal": uuid])),
        ]),
        "PolicyList": array(ref("Policy")),
        "Register": array(
            object([
                "memberNumber": integer, "name": string, "classID": string, "shares": integer, "steward": boolean,
                "admittedAt": dateTime,
            ])),
        "Apply": object(["class": string], required: ["class"]),
        "Payment": object(["method": ["type": "string", "enum": ["cash", "bank_transfer"]], "reference": string], required: ["method"]),
        "Membership": object([
            "id": uuid, "status": string, "classID": string, "className": string, "memberNumber": integer,
            "shares": integer, "steward": boolean, "shareCapital": string, "redemptionOwed": string, "amountDue": string,
            "payments": array(
                object([
                    "id": uuid, "amount": string, "shares": integer, "method": string, "reference": string,
                    "status": string, "createdAt": dateTime,
                ])),
            "appliedAt": dateTime, "admittedAt": dateTime,
        ]),
        "LedgerEntries": array(
            object([
                "transaction": uuid, "postedAt": dateTime, "kind": string, "memo": string, "account": string,
                "amount": ["type": "integer", "description": "minor units; debits positive, credits negative"],
                "currency": string,
            ])),
        "Queue": array(
            object([
                "membershipID": uuid, "paymentID": uuid, "name": string, "email": string, "classID": string,
                "status": string, "amount": string, "method": string, "reference": string, "since": dateTime,
            ])),
        "ProposalInput": object(
            [
                "kind": ["type": "string", "enum": .array(ProposalKind.allCases.map { .string($0.rawValue) })], "title": string,
                "body": string, "policy": string, "value": string, "options": ["type": "string", "description": "one option a line"],
                "seats": integer, "amount": string, "payee": string, "memo": string, "bylaws": string, "membership": string,
            ], required: ["kind", "title"]),
        "Proposal": object([
            "number": integer, "kind": string, "title": string, "body": string, "status": string, "votingOpensAt": dateTime,
            "votingClosesAt": dateTime, "rules": ["type": "object"], "outcome": ["type": "object"], "enactmentNote": string,
        ]),
        "ProposalList": array(ref("Proposal")),
        "Comment": object(["body": string], required: ["body"]),
        "Ballot": object([
            "choice": ["type": "string", "enum": ["yes", "no", "abstain"]],
            "approve": array(integer),
            "score": ["type": "object", "additionalProperties": integer, "description": "option index to score"],
            "rank": ["type": "object", "additionalProperties": string, "description": "option index to rank (1 = first)"],
            "receipt": string,
        ]),
        "Receipt": object(["receipt": string, "proposal": integer]),
        "ListingInput": object(
            [
                "kind": ["type": "string", "enum": ["service", "good"]], "title": string, "description": string, "category": string,
                "unit": ["type": "string", "enum": ["per_hour", "fixed", "per_item"]], "price": string, "estimatedMinutes": integer,
                "stock": integer, "area": string, "latitude": string, "longitude": string,
            ], required: ["kind", "title", "category", "unit", "price"]),
        "Listing": object([
            "id": uuid, "kind": string, "title": string, "description": string, "category": string, "unit": string, "price": string,
            "priceMinorUnits": integer, "estimatedMinutes": integer, "stock": integer, "area": string, "worker": string,
            "distanceMeters": integer, "createdAt": dateTime,
        ]),
        "OrderInput": object(
            ["listing": uuid, "quantity": integer, "scheduledAt": dateTime, "note": string], required: ["listing"]),
        "OrderAction": object(
            [
                "action": [
                    "type": "string",
                    "enum": ["accept", "decline", "start", "deliver", "complete", "review", "cancel", "dispute", "settle"],
                ],
                "refund": ["type": "string", "description": "settle: the amount refunded to the customer"],
                "rating": ["type": "integer", "minimum": 1, "maximum": 5, "description": "review: stars"],
                "comment": ["type": "string", "description": "review: what the reviewer says"],
            ], required: ["action"]),
        "Order": object([
            "number": integer, "listing": uuid, "title": string, "state": string, "quantity": integer, "unit": string, "price": string,
            "fee": string, "feeRate": string, "workerReceives": string, "customer": string, "worker": string, "scheduledAt": dateTime,
            "note": string, "createdAt": dateTime, "actions": array(string),
            "history": array(object(["action": string, "role": string, "state": string, "at": dateTime])),
            "reviews": array(object(["by": string, "rating": integer, "comment": string])),
            "messages": array(object(["by": string, "body": string, "at": dateTime])),
        ]),
        "Orders": array(ref("Order")),
        "OrderPaymentInput": object(["gateway": string, "method": string, "reference": string], required: ["gateway"]),
        "OrderPayment": object([
            "id": uuid, "order": integer, "gateway": string, "method": string, "amount": string, "status": string, "instructions": string,
        ]),
        "ListingSearch": object([
            "listings": array(ref("Listing")), "total": integer, "page": integer, "pages": integer, "ordering": string,
        ]),
        "JobInput": object(
            [
                "category": string, "title": string, "description": string, "skills": string, "scheduledAt": dateTime, "area": string,
                "latitude": string, "longitude": string, "budget": string, "estimatedMinutes": integer,
            ], required: ["category", "title", "budget", "estimatedMinutes"]),
        "Job": object([
            "number": integer, "category": string, "title": string, "description": string, "skills": array(string),
            "scheduledAt": dateTime, "area": string, "budget": string, "estimatedMinutes": integer, "state": string,
            "createdAt": dateTime, "order": integer, "actions": array(string), "notRanked": string,
            "rules": object([
                "weights": object(["fairShare": integer, "distance": integer, "skills": integer, "rating": integer]),
                "ratingsCount": boolean, "offerMinutes": integer, "maxDistanceKm": integer,
            ]),
            "you": object([
                "position": integer, "state": string, "score": string, "expiresAt": dateTime, "terms": array(string),
                "explanation": string,
            ]),
            "ranking": array(
                object([
                    "position": integer, "state": string, "score": string, "fairShare": string, "distance": string, "skills": string,
                    "rating": string,
                ])),
        ]),
        "Jobs": array(ref("Job")),
        "JobAnswer": object(["action": string], required: ["action"]),
        "WorkerProfileInput": object(
            ["available": boolean, "skills": string, "latitude": string, "longitude": string], required: ["available"]),
        "WorkerProfile": object(["available": boolean, "skills": array(string), "latitude": string, "longitude": string]),
        "Dashboard": object([
            "worker": object([
                "profile": ref("WorkerProfile"), "offers": array(ref("Job")), "earned": string,
                "periods": array(
                    object([
                        "month": string, "completed": integer, "minutes": integer, "earned": string, "earnedMinorUnits": integer,
                    ])),
            ]),
            "orders": array(
                object([
                    "number": integer, "title": string, "state": string, "role": string, "price": string, "createdAt": dateTime,
                ])),
            "jobs": array(object(["number": integer, "title": string, "state": string, "order": integer, "createdAt": dateTime])),
        ]),
        "Finances": object([
            "currency": string, "periods": array(ref("PeriodTotals")),
            "feeHistory": array(
                object(["basisPoints": integer, "rate": string, "from": dateTime, "source": string, "proposal": integer])),
        ]),
        "PeriodTotals": object([
            "number": integer, "startsAt": dateTime, "endsAt": dateTime, "status": string, "revenue": integer, "fees": integer,
            "expenses": integer, "net": integer, "carriedIn": integer, "allocatable": integer, "carriedOut": integer,
            "reserve": integer, "community": integer, "dividends": integer, "members": integer, "proposal": integer,
        ]),
        "Period": object([
            "period": ref("PeriodTotals"),
            "formula": object([
                "reserve": object(["basisPoints": integer]), "patronage": object(["basisPoints": integer]),
                "community": object(["basisPoints": integer]), "cashMinimum": object(["basisPoints": integer]),
                "classShares": object([:]), "measures": object([:]),
            ]),
            "classes": array(
                object([
                    "classID": string, "share": object(["basisPoints": integer]), "measure": string, "pool": integer,
                    "patronage": integer, "paid": integer,
                ])),
            "mine": object([
                "measure": string, "patronage": integer, "dividend": integer, "cash": integer, "capital": integer,
            ]),
            "proposalStatus": string,
        ]),
        "ExpenseInput": object(
            ["amount": string, "category": string, "description": string], required: ["amount", "category", "description"]),
        "Expense": object(["transaction": uuid]),
        "Statement": object([
            "memberNumber": integer, "name": string, "classID": string, "status": string, "shares": integer, "shareCapital": integer,
            "capitalAccount": integer, "dividendsPayable": integer, "earningsPayable": integer, "currency": string,
            "periods": array(
                object([
                    "number": integer, "startsAt": dateTime, "endsAt": dateTime, "status": string, "measure": string,
                    "patronage": integer, "dividend": integer, "cash": integer, "capital": integer, "earnings": integer,
                ])),
            "capitalHistory": ref("LedgerEntries"),
        ]),
        "Datasets": array(
            object([
                "id": string, "title": string, "description": string, "columns": array(string), "csv": string, "json": string,
            ])),
        "EraseInput": object(["password": string, "confirm": string], required: ["password", "confirm"]),
        "Bulletin": array(object(["receiptHash": string, "ballot": string, "content": string])),
        "AuditEntries": array(
            object([
                "sequence": integer, "timestampMillis": integer, "kind": string, "payload": string,
                "previousHash": string, "hash": string,
            ])),
    ]

    static var document: CanonicalValue {
        var paths: [String: [String: CanonicalValue]] = [:]
        for op in operations {
            var responses: [String: CanonicalValue] = [
                "default": ["description": "Error", "content": ["application/json": ["schema": ref("Error")]]]
            ]
            var ok: [String: CanonicalValue] = ["description": "Success"]
            if let schema = op.response.schema { ok["content"] = ["application/json": ["schema": ref(schema)]] }
            responses[String(op.response.status)] = .object(ok)
            var o: [String: CanonicalValue] = [
                "summary": .string(op.summary),
                "operationId": .string(
                    op.method.rawValue.lowercased()
                        + op.path.rawValue.replacingOccurrences(of: "/", with: "_")
                        .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")),
                "responses": .object(responses),
            ]
            if op.auth { o["security"] = [["bearer": []]] }
            if let request = op.request {
                o["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(request)]]]
            }
            if op.path.rawValue.contains("{id}") {
                o["parameters"] = [["name": "id", "in": "path", "required": true, "schema": uuid]]
            }
            if op.path.rawValue.contains("{number}") {
                o["parameters"] = [["name": "number", "in": "path", "required": true, "schema": integer]]
            }
            if op.path.rawValue.contains("{file}") {
                let files = OpenData.datasets.flatMap { ["\($0.id).csv", "\($0.id).json"] }
                o["parameters"] = [
                    [
                        "name": "file", "in": "path", "required": true,
                        "schema": ["type": "string", "enum": .array(files.map { .string($0) })],
                    ]
                ]
            }
            paths[op.path.fullPath, default: [:]][op.method.rawValue.lowercased()] = .object(o)
        }
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "Coop API", "version": "1",
                "description": "The JSON API of a Coop platform co-operative. Errors are JSON: {error, status, reason}.",
            ],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            ],
        ]
    }
}
