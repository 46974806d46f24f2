import Foundation
import Testing

@testable import CoopCore

@Suite struct SafeMarkdownTests {
    @Test func theSubsetRenders() {
        let html = SafeMarkdown.html(
            "# Hygiene\n\nWash **well** and *often*, see [the guide](https://example.org/a?b=1&c=2).\n\n- soap\n- water\n\n1. wet\n2. rub\n\nUse `soap & water`.\n\n```\n<b>as is</b>\n```"
        )
        #expect(html.contains("<h2>Hygiene</h2>"))
        #expect(html.contains("<p>Wash <strong>well</strong> and <em>often</em>, see "))
        #expect(html.contains("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener\">the guide</a>"))
        #expect(html.contains("<ul><li>soap</li><li>water</li></ul><ol><li>wet</li><li>rub</li></ol>"))
        #expect(html.contains("<code>soap &amp; water</code>"))
        #expect(html.contains("<pre><code>&lt;b&gt;as is&lt;/b&gt;</code></pre>"))
    }

    /// Whatever the author types, no tag but the subset's and no attribute but a checked href.
    static func inert(_ html: String) -> Bool {
        let allowed = ["p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "code", "pre", "a"]
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let tag = rest.prefix { $0 != ">" && $0 != " " }.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard allowed.contains(tag) else { return false }
            if tag == "a" && !rest.hasPrefix("/") {
                let attrs = rest.prefix { $0 != ">" }
                guard attrs.hasPrefix("a href=\"http") || attrs.hasPrefix("a href=\"mailto:") else { return false }
            }
        }
        return !html.lowercased().contains("href=\"javascript")
    }

    @Test func scriptImagesAndHostileLinksAreInert() {
        let attacks = [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](https://a.org\" onmouseover=\"alert(1))",
            "[x](//evil.org)", "**<iframe src=//evil>**", "`</code><script>x</script>`", "# <svg onload=alert(1)>",
            "- <a href=javascript:alert(1)>x</a>", "[**[x](javascript:1)**](https://ok.org)", "<!-- c --><style>*{}</style>",
            "[x](mailto:a@b.org?subject=<script>)",
        ]
        for a in attacks {
            let html = SafeMarkdown.html(a)
            #expect(Self.inert(html), "\(a) → \(html)")
            #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<iframe") && !html.contains("<svg"))
            #expect(!html.contains("href=\"javascript") && !html.contains("href=\"data:") && !html.contains("href=\"//"))
        }
        #expect(SafeMarkdown.html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(SafeMarkdown.html("[click](javascript:alert(1))") == "<p>click</p>")
    }

    @Test func deeplyNestedListsAreFlat() {
        let nested = (0..<5_000).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n")
        let html = SafeMarkdown.html(nested)
        #expect(html.components(separatedBy: "<ul>").count == 2, "one list, never nested")
        #expect(Self.inert(html))
    }

    @Test func hugeAndPathologicalInputIsCutAndFast() {
        let megabyte = String(repeating: "[[*_`**", count: 150_000)
        let start = ContinuousClock.now
        let html = SafeMarkdown.html(megabyte)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(Self.inert(html))
        #expect(SafeMarkdown.html(String(repeating: "a", count: 1_000_000)).count <= SafeMarkdown.maxLength + 7)
        #expect(SafeMarkdown.html(String(repeating: "*", count: 30_000)).hasPrefix("<"))
    }

    @Test func aStewardsQuizIsParsedAndEveryMistakeIsNamed() throws {
        let quiz = try LearningModule.quiz("? How long do you wash?\n- 5 seconds\n* 20 seconds\n\n? Gloves?\n* yes\n- no\n")
        #expect(
            quiz == [
                ModuleQuestion(prompt: "How long do you wash?", choices: ["5 seconds", "20 seconds"], correct: 1),
                ModuleQuestion(prompt: "Gloves?", choices: ["yes", "no"], correct: 0),
            ])
        func reason(_ text: String) -> String {
            do {
                _ = try LearningModule.quiz(text)
                return ""
            } catch { return error.reason }
        }
        #expect(reason("") == "Ask at least one question (a line starting with ?).")
        #expect(reason("- orphan").contains("before any question"))
        #expect(reason("? q\n- a\n- b").contains("exactly one right answer"))
        #expect(reason("? q\n* a\n* b").contains("marked with *; it has 2"))
        #expect(reason("? q\n* a").contains("needs 2 to 8 answers; it has 1"))
        #expect(reason("? q\nfree text").contains("Line 2 should start with"))
        #expect(reason("? " + String(repeating: "x", count: 400)).contains("longer than 300"))
        #expect(reason(String(repeating: "? q\n* a\n- b\n", count: 21)).contains("at most 20 questions"))
        #expect(LearningModule.problems(title: " ", text: "").count == 2)
        #expect(LearningModule.problems(title: String(repeating: "t", count: 121), text: String(repeating: "x", count: 20_001)).count == 2)
        #expect(LearningModule.problems(title: "Food hygiene", text: "Wash.").isEmpty)
    }

    @Test func answersCountOnlyForRealQuestionsAndChoices() throws {
        let quiz = try LearningModule.quiz("? a\n- x\n* y\n? b\n* x\n- y\n- z")
        #expect(try LearningModule.score(quiz, answers: [0: 1, 1: 0]) == 2)
        #expect(try LearningModule.score(quiz, answers: [0: 0, 1: 0]) == 1)
        #expect(throws: CoopError.self) { try LearningModule.score(quiz, answers: [0: 1]) }
        #expect(throws: CoopError.self) { try LearningModule.score(quiz, answers: [0: 1, 1: 3]) }
        #expect(throws: CoopError.self) { try LearningModule.score(quiz, answers: [0: 1, 1: -1]) }
        #expect(throws: CoopError.self) { try LearningModule.score(quiz, answers: [0: 1, 1: 0, 7: 0]) }
    }
}
