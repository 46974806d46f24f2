import CoopCore
import CoopStore
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

@Suite struct FormReadingTests {
    @Test func blankFieldsAreLeftOutAndTheRestKeptAsSent() {
        #expect(Forms.droppingBlankFields("a=1&stock=&b=+&c=%20%0A&d=x") == "a=1&d=x")
        #expect(Forms.droppingBlankFields("flag&e=") == "flag")
        #expect(Forms.droppingBlankFields("") == "")
        #expect(Forms.droppingBlankFields("&&&") == "")
        // Malformed percent-encoding is not blank: it is left for the decoder to refuse.
        #expect(Forms.droppingBlankFields("x=%zz") == "x=%zz")
    }

    @Test func typedValuesAreKeptButNeverAPasswordOrTheToken() {
        let v = Forms.values("title=Fix+a+tap&csrf=T&password=secret&newPassword=x&body=line%0Aline&title=second&=empty")
        #expect(v == ["title": "Fix a tap", "body": "line\nline"])
    }

    @Test func fieldsAreNamedAsALabelWould() {
        #expect(Forms.label("estimatedMinutes") == "Estimated minutes")
        #expect(Forms.label("platform_fee") == "Platform fee")
        #expect(Forms.label("") == "")
    }

    struct Job: Decodable {
        var title: String
        var estimatedMinutes: Int64
        var stock: Int?
        var price: Double?
    }

    func reason(_ body: String) -> String? {
        do {
            _ = try BlankFieldsFormDecoder(base: URLEncodedFormDecoder()).decode(
                Job.self, from: ByteBuffer(string: body), headers: ["Content-Type": "application/x-www-form-urlencoded"])
            return nil
        } catch let e as FormInputError {
            return e.reason
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func aFormThatCannotBeReadIsRefusedInPlainWords() {
        #expect(reason("title=Tap&estimatedMinutes=60&stock=&price=") == nil)
        #expect(reason("title=Tap&estimatedMinutes=") == "Estimated minutes is required.")
        #expect(reason("title=Tap&estimatedMinutes=an+hour") == "Estimated minutes must be a whole number.")
        #expect(reason("title=Tap&estimatedMinutes=99999999999999999999999") == "Estimated minutes must be a whole number.")
        #expect(reason("title=Tap&estimatedMinutes=5&price=cheap") == "Price must be a number.")
        #expect(reason("estimatedMinutes=5") == "Title is required.")
        for bad in ["title=Tap&estimatedMinutes=1&stock=1.5", "title=Tap&estimatedMinutes=1&stock=-"] {
            let r = reason(bad) ?? ""
            #expect(r.hasPrefix("Stock "), "\(r)")
            #expect(!r.contains("Int") && !r.contains("codingPath"), "\(r)")
        }
    }

    @Test func rulesSayWhatAFieldMustBe() {
        #expect(APIFieldRule.length(1...30).plainWords("Amount") == "Amount must be 1 to 30 characters.")
        #expect(APIFieldRule.length(0...300).plainWords("Memo") == "Memo must be at most 300 characters.")
        #expect(APIFieldRule.range(15...600).plainWords("Minutes") == "Minutes must be a whole number from 15 to 600.")
    }
}

extension Server {
    @Suite struct FormPageTests {
        @Test func aRefusedJobRequestIsShownAgainWithWhatWasTypedAndWhy() async throws {
            try await withCoop { app async throws in
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                _ = try await ana.get(SiteURL.newJob.path)
                let form = [
                    "category": "cleaning", "title": "Clean <the> stairs", "description": "Three floors,\nno lift",
                    "budget": "90.00", "estimatedMinutes": "an hour", "skills": "", "when": "", "area": "",
                ]
                let res = try await ana.post(SiteURL.jobs.path, form)
                #expect(res.status == .badRequest)
                let page = res.body.string
                #expect(page.contains("Estimated minutes must be a whole number."))
                #expect(!page.contains("Int64") && !page.contains("Malformed"))
                #expect(page.contains(#"value="Clean &lt;the&gt; stairs""#))
                #expect(page.contains("Three floors,\nno lift</textarea>"))
                #expect(page.contains(#"value="90.00""#))
                #expect(page.contains(#"value="an hour""#))
                // The blank optional fields were absent, not errors: fixed, the same form posts.
                var fixed = form
                fixed["estimatedMinutes"] = "120"
                let posted = try await ana.post(SiteURL.jobs.path, fixed)
                #expect(posted.status == .seeOther, "\(posted.body.string.prefix(400))")
            }
        }

        @Test func aPasswordIsNeverTypedBackIntoAPage() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                _ = try await b.get(SiteURL.signup.path)
                let res = try await b.post(SiteURL.signup.path, ["name": "Dee", "email": "dee@example.org", "password": "short"])
                #expect(res.status.code >= 400)
                #expect(!res.body.string.contains("short\""))
            }
        }
    }

    @Suite struct ReceiptKeepingTests {
        @Test func theCookieValueIsReadOnlyForItsOwnVoter() {
            let ana = UUID()
            let kept = ReceiptKeeping.Kept(changed: false, code: "ABCDE-FGHJK-LMNPQ-RSTUV")
            let value = ReceiptKeeping.value(user: ana, kept)
            #expect(ReceiptKeeping.parse(value, user: ana) == kept)
            #expect(ReceiptKeeping.parse(value, user: UUID()) == nil)
            #expect(ReceiptKeeping.parse("\(ana.uuidString)|cast|<script>", user: ana) == nil)
            #expect(ReceiptKeeping.parse("\(ana.uuidString)|stolen|ABC", user: ana) == nil)
            #expect(ReceiptKeeping.parse("", user: ana) == nil)
            #expect(ReceiptKeeping.parse("\(ana.uuidString)|cast|", user: ana) == .init(changed: false, code: nil))
        }

        @Test func aVoteRedirectsAndTheReceiptSurvivesARefreshUntilKept() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                _ = try await ana.get(SiteURL.proposal(1).path)
                let posted = try await ana.post(SiteURL.proposalBallot(1).path, ["choice": "yes"])
                #expect(posted.status == .seeOther)
                #expect(posted.headers.first(name: .location) == SiteURL.proposal(1).path + "#your-receipt")
                let setCookie = posted.headers[.setCookie].joined(separator: "\n")
                #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
                let first = try #require(try await ana.follow(posted)).body.string
                let code = try #require(first.firstMatch(of: #/id="receipt-code">([A-Z0-9-]+)</#)?.1)
                // The code is in no URL.
                #expect(!(posted.headers.first(name: .location) ?? "").contains(String(code)))
                // A refresh shows it again; the text file holds it.
                #expect(try await ana.get(SiteURL.proposal(1).path).body.string.contains(String(code)))
                let file = try await ana.get(SiteURL.proposalReceipt(1).path)
                #expect(file.status == .ok)
                #expect(file.headers.first(name: .contentDisposition)?.contains("attachment") == true)
                #expect(file.body.string.contains(String(code)))
                // The server kept no copy: a new session of the same voter has no receipt to show.
                var again = Browser(app)
                try await again.logIn("ana@demo.coop")
                #expect(!(try await again.get(SiteURL.proposal(1).path).body.string.contains(String(code))))
                #expect(try await again.get(SiteURL.proposalReceipt(1).path).status == .notFound)
                // "I have kept it" hides it.
                _ = try await ana.post(SiteURL.proposalReceiptKept(1).path)
                #expect(!(try await ana.get(SiteURL.proposal(1).path).body.string.contains(String(code))))
                // Another member in the same browser sees nothing of a receipt left there; log-out forgets it.
                var bo = Browser(app)
                try await bo.logIn("bo@demo.coop")
                _ = try await bo.get(SiteURL.proposal(1).path)
                let boPage = try #require(try await bo.follow(try await bo.post(SiteURL.proposalBallot(1).path, ["choice": "no"])))
                let boCode = try #require(boPage.body.string.firstMatch(of: #/id="receipt-code">([A-Z0-9-]+)</#)?.1)
                let name = ReceiptKeeping.cookieName(1)
                var cleo = Browser(app)
                cleo.jar[name] = bo.jar[name]
                try await cleo.logIn("cleo@demo.coop")
                #expect(cleo.jar[name] != nil)
                #expect(!(try await cleo.get(SiteURL.proposal(1).path).body.string.contains(String(boCode))))
                _ = try await bo.post(SiteURL.logout.path)
                #expect(bo.jar[name] == nil, "log-out forgets receipts")

                // After close, the page finds the ballot by its code, typed in lower case and without dashes.
                clock.advance(days: 7)
                try await Governance.advance(app: app)
                var visitor = Browser(app)
                _ = try await visitor.get(SiteURL.proposalBulletin(1).path)
                let typed = code.lowercased().replacingOccurrences(of: "-", with: "")
                let found = try await visitor.post(SiteURL.proposalBulletinFind(1).path, ["receipt": typed])
                #expect(found.status == .ok)
                #expect(found.body.string.contains(#"id="my-ballot""#))
                #expect(found.body.string.contains("Your ballot is on the board"))
                let missing = try await visitor.post(SiteURL.proposalBulletinFind(1).path, ["receipt": "AAAAA-BBBBB-CCCCC-DDDDD"])
                #expect(missing.body.string.contains("No counted ballot has that receipt code"))
                #expect(!missing.body.string.contains(#"id="my-ballot""#))
                #expect(try await visitor.post(SiteURL.proposalBulletinFind(1).path, ["receipt": ""]).status == .badRequest)
                let long = String(repeating: "A", count: 5000)
                #expect(try await visitor.post(SiteURL.proposalBulletinFind(1).path, ["receipt": long]).status == .badRequest)
            }
        }
    }
}

@Suite struct TableLabelTests {
    @Test func eachCellIsLabelledWithItsColumnHeading() {
        let html =
            #"<p>x</p><table id="t"><thead><tr><th>Name</th><th class="num">Amount <b>(EUR)</b></th></tr></thead>"#
            + #"<tbody><tr><td>Ana</td><td class="num">1.00</td></tr><tr class="mine"><td>&lt;td&gt;</td><td>2</td><td>extra</td></tr></tbody></table>"#
        let out = TableLabels.apply(html)
        #expect(
            out
                == #"<p>x</p><table id="t"><thead><tr><th>Name</th><th class="num">Amount <b>(EUR)</b></th></tr></thead>"#
                + #"<tbody><tr><td data-label="Name">Ana</td><td data-label="Amount (EUR)" class="num">1.00</td></tr>"#
                + #"<tr class="mine"><td data-label="Name">&lt;td&gt;</td><td data-label="Amount (EUR)">2</td><td>extra</td></tr></tbody></table>"#
        )
    }

    @Test func tablesWithoutAHeadOrWithTheirOwnLabelsAreLeftAlone() {
        let bare = "<table><tr><td>1</td></tr></table>"
        #expect(TableLabels.apply(bare) == bare)
        let own = #"<table><thead><tr><th>A</th></tr></thead><tbody><tr><td data-label="A">1</td></tr></tbody></table>"#
        #expect(TableLabels.apply(own) == own)
        #expect(TableLabels.apply("<p>no tables</p>") == "<p>no tables</p>")
        // A table left open is written out as it came.
        let open = "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1"
        #expect(TableLabels.apply(open) == open)
    }

    @Test func theQuickCheckFindsATableAnywhereAndNothingElse() {
        #expect(TableLabels.mayHaveTable("<table>"))
        #expect(TableLabels.mayHaveTable("x<p>é</p><table id=\"t\">"))
        #expect(!TableLabels.mayHaveTable("<tabl"))
        #expect(!TableLabels.mayHaveTable("<tablet"[...].dropLast(2).description))
        #expect(!TableLabels.mayHaveTable(""))
        #expect(!TableLabels.mayHaveTable("&lt;table&gt; <t<ta<tab<tabl"))
    }

    @Test func twoTablesAreLabelledEachByItsOwnHead() {
        let one = "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
        let two = "<table><thead><tr><th>B &amp; &quot;C&quot;</th></tr></thead><tbody><tr><td>2</td></tr></tbody></table>"
        let out = TableLabels.apply(one + "<hr/>" + two)
        #expect(out.contains(#"<td data-label="A">1</td>"#))
        #expect(out.contains(#"<td data-label="B &amp; &quot;C&quot;">2</td>"#))
    }
}

extension Server {
    @Suite struct CandidateStatementTests {
        @Test func candidatesStandWithAStatementTheElectionPageShows() async throws {
            try await withCoop { app async throws in
                // Demo proposal #3 is a board election in discussion.
                var ana = Browser(app)
                try await ana.logIn("rita@demo.coop")
                _ = try await ana.get(SiteURL.proposal(3).path)
                let long = String(repeating: "x", count: 2_001)
                let refused = try await ana.post(SiteURL.proposalStand(3).path, ["statement": long])
                #expect(refused.status == .badRequest)
                #expect(refused.body.string.contains("at most 2000 characters"))
                let said = "I will keep the books open.\n\nAnd <b>answer</b> every mail."
                let stood = try await ana.post(SiteURL.proposalStand(3).path, ["statement": said])
                #expect(stood.status == .seeOther)
                let page = try await ana.get(SiteURL.proposal(3).path).body.string
                #expect(page.contains(#"id="candidates""#))
                #expect(page.contains("<p>I will keep the books open.</p><p>And &lt;b&gt;answer&lt;/b&gt; every mail.</p>"))
                // Standing twice is refused, and no second statement is kept.
                #expect(try await ana.post(SiteURL.proposalStand(3).path, ["statement": "again"]).status == .conflict)
                #expect(try await count("candidate_statements", on: app) == 1)
            }
        }
    }
}
