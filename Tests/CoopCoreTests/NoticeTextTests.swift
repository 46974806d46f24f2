import Foundation
import Testing

@testable import CoopCore

@Suite struct NoticeTextTests {
    let spanish: Catalog = {
        let po = try! POFile(
            parsing: """
                msgid ""
                msgstr ""
                "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

                msgid "%1$s for order #%2$s has arrived, on %3$s."
                msgstr "Han llegado %1$s del pedido #%2$s, el %3$s."

                msgid "%d day"
                msgid_plural "%d days"
                msgstr[0] "%d día"
                msgstr[1] "%d días"

                msgid "Voting lasts %s."
                msgstr "La votación dura %s."

                msgctxt "order"
                msgid "in progress"
                msgstr "en curso"

                msgid "in progress"
                msgstr "en progreso"

                msgid "the order is %s: nothing more can happen to it"
                msgstr "el pedido está %s: ya no puede pasarle nada más"
                """)
        return try! Catalog(language: .es, po: po)
    }()

    @Test func englishKeepsWhatNotificationsAlwaysWrote() {
        let when = Date(timeIntervalSince1970: 1_795_000_000)
        let text = NoticeText(
            "%1$s for order #%2$s has arrived, on %3$s.", .money(Money(minorUnits: 123_450, currency: Currency(code: "EUR"))),
            .text("1234"), .date(when))
        #expect(text.render(.source) == "1234.50 EUR for order #1234 has arrived, on 2026-11-18 11:06 UTC.")
        #expect(text.render(spanish) == "Han llegado 1234,50\u{A0}EUR del pedido #1234, el 18 nov 2026, 11:06 UTC.")
    }

    @Test func pluralsAndNestedWordsFollowTheReadersLanguage() {
        let text = NoticeText("Voting lasts %s.", .notice(NoticeText.count("%d day", "%d days", 3)))
        #expect(text.render(.source) == "Voting lasts 3 days.")
        #expect(text.render(spanish) == "La votación dura 3 días.")
        #expect(NoticeText.count("%d day", "%d days", 1).render(spanish) == "1 día")
        // A text no catalog has stays English, its arguments still formatted.
        #expect(NoticeText("Unknown %d", .number(12_345)).render(spanish) == "Unknown 12.345")
    }

    @Test func theStoredFormReadsBackToTheSameWordsWhateverTheyHold() throws {
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{7} emoji 🙂 and </script>"
        let message = NoticeMessage(
            subject: NoticeText("Result of proposal #%1$s: %2$s", .text("7"), .text(tricky)),
            body: NoticeText(
                "%1$s %2$s %3$s %4$s", .percent(1_250), .date(Date(timeIntervalSince1970: 1_795_000_000.123)),
                .lines([NoticeText("- %s", .text("a")), NoticeText.count("%d day", "%d days", 2)]),
                .notice(.verbatim("as given"))))
        let read = try #require(NoticeMessage(json: message.json))
        #expect(read.subject == message.subject)
        #expect(read.body.render(.source) == message.body.render(.source))
        // The hand-written form is what JSONEncoder/JSONDecoder agree on.
        let viaEncoder = try JSONDecoder().decode(NoticeMessage.self, from: JSONEncoder().encode(message))
        #expect(viaEncoder.body.render(spanish) == read.body.render(spanish))
        #expect(NoticeMessage(json: "not json") == nil && NoticeMessage(json: "{\"s\":{}}") == nil)
    }

    /// Words in a context take that context's translation, as the server's `tc` does, inside a
    /// sentence too; English is the text itself; the context is kept in the stored form.
    @Test func wordsInAContextAreTranslatedInThatContextAndStoredWithIt() throws {
        let state = Words.tc("order", "in progress")
        #expect(state.render(.source) == "in progress")
        #expect(state.render(spanish) == "en curso")
        #expect(Words("in progress").render(spanish) == "en progreso")
        #expect(Words.tc("job", "in progress").render(spanish) == "in progress", "another context has its own translation")
        let sentence = Words("the order is %s: nothing more can happen to it", .notice(OrderState.inProgress.words))
        #expect(sentence.english == "the order is in progress: nothing more can happen to it")
        #expect(sentence.render(spanish) == "el pedido está en curso: ya no puede pasarle nada más")
        let json = NoticeMessage(subject: sentence, body: state).json
        #expect(json.contains("\"x\":\"order\""))
        let read = try #require(NoticeMessage(json: json))
        #expect(read.subject == sentence && read.body == state && read.body.render(spanish) == "en curso")
        let viaEncoder = try JSONDecoder().decode(
            NoticeMessage.self, from: JSONEncoder().encode(NoticeMessage(subject: sentence, body: state)))
        #expect(viaEncoder == read)
        // Words stored before contexts existed read as before.
        #expect(NoticeText(json: "{\"id\":\"in progress\",\"a\":[]}")?.render(spanish) == "en progreso")
    }

    @Test func aTextWithNothingToEscapeIsQuotedWholeAndEveryOtherIsEscaped() throws {
        for s in ["", "plain words", "é 🙂 </script>", "\"", "\\", "\n", "\u{1}", "end\u{1f}", "a \"b\" c"] {
            var out = ""
            NoticeText.quote(s, into: &out)
            #expect(try JSONDecoder().decode(String.self, from: Data(out.utf8)) == s, "\(s)")
        }
        var plain = ""
        NoticeText.quote("A dividend of 12.50 EUR", into: &plain)
        #expect(plain == "\"A dividend of 12.50 EUR\"")
    }
}
