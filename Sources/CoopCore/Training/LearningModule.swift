import Foundation

/// One multiple-choice question of a learning module.
public struct ModuleQuestion: Codable, Hashable, Sendable {
    /// What is asked.
    public let prompt: String
    /// The answers offered, in order.
    public let choices: [String]
    /// The index in `choices` of the right answer.
    public let correct: Int

    /// Creates a question (``LearningModule/quiz(_:)`` builds them from a steward's text).
    public init(prompt: String, choices: [String], correct: Int) {
        self.prompt = prompt
        self.choices = choices
        self.correct = correct
    }
}

/// A short learning module: a title, Markdown text (rendered by ``SafeMarkdown``) and questions
/// a member answers to complete it. The rules a steward's draft must keep, and how answers count.
public enum LearningModule {
    /// The longest title, in characters.
    public static let maxTitle = 120
    /// The longest text, in characters (a module is short; ``SafeMarkdown/maxLength``).
    public static let maxText = SafeMarkdown.maxLength
    /// The most questions a module asks.
    public static let maxQuestions = 20
    /// The most answers a question offers.
    public static let maxChoices = 8
    /// The longest question or answer, in characters.
    public static let maxLine = 300

    /// Every reason a draft cannot be published, in plain words; empty when it can.
    public static func problems(title: String, text: String) -> [String] {
        problemWords(title: title, text: text).map(\.english)
    }

    /// The same reasons as words to write in the steward's language.
    public static func problemWords(title: String, text: String) -> [Words] {
        var out: [Words] = []
        let t = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { out.append(Words("Give the module a title.")) }
        if t.count > maxTitle {
            out.append(Words("The title is %1$d characters; keep it to %2$d.", .number(Int64(t.count)), .number(Int64(maxTitle))))
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out.append(Words("Write the module's text.")) }
        if text.count > maxText {
            out.append(Words("The text is %1$d characters; keep it to %2$d.", .number(Int64(text.count)), .number(Int64(maxText))))
        }
        return out
    }

    /// The questions written as a steward types them: each question on a line starting with `?`,
    /// then its answers, one a line, starting with `-`, the right one with `*`:
    ///
    ///     ? How long do you wash your hands?
    ///     - 5 seconds
    ///     * 20 seconds
    ///
    /// Throws ``CoopError/invalid(_:)`` saying which question is wrong and why.
    public static func quiz(_ text: String) throws(CoopError) -> [ModuleQuestion] {
        var questions: [(prompt: String, choices: [String], correct: [Int])] = []
        for (n, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
            guard body.count <= maxLine else {
                throw .invalid(Words("Line %1$s is longer than %2$d characters.", .text("\(n + 1)"), .number(Int64(maxLine))))
            }
            switch line.first {
            case "?":
                guard !body.isEmpty else { throw .invalid(Words("Line %s starts a question but asks nothing.", .text("\(n + 1)"))) }
                questions.append((body, [], []))
            case "-", "*":
                guard !questions.isEmpty else {
                    throw .invalid(Words("Line %s is an answer before any question (start a question with ?).", .text("\(n + 1)")))
                }
                guard !body.isEmpty else { throw .invalid(Words("Line %s is an empty answer.", .text("\(n + 1)"))) }
                if line.first == "*" { questions[questions.count - 1].correct.append(questions[questions.count - 1].choices.count) }
                questions[questions.count - 1].choices.append(body)
            default:
                throw .invalid(Words("Line %s should start with ? (a question), - (an answer) or * (the right answer).", .text("\(n + 1)")))
            }
        }
        guard !questions.isEmpty else { throw .invalid("Ask at least one question (a line starting with ?).") }
        guard questions.count <= maxQuestions else {
            throw .invalid(Words("Ask at most %1$d questions, not %2$d.", .number(Int64(maxQuestions)), .number(Int64(questions.count))))
        }
        return try questions.enumerated().map { (i, q) throws(CoopError) in
            guard q.choices.count >= 2, q.choices.count <= maxChoices else {
                throw .invalid(
                    Words(
                        "Question %1$s needs 2 to %2$d answers; it has %3$d.", .text("\(i + 1)"), .number(Int64(maxChoices)),
                        .number(Int64(q.choices.count))))
            }
            guard q.correct.count == 1 else {
                throw .invalid(
                    Words(
                        "Question %1$s needs exactly one right answer marked with *; it has %2$d.", .text("\(i + 1)"),
                        .number(Int64(q.correct.count))))
            }
            return ModuleQuestion(prompt: q.prompt, choices: q.choices, correct: q.correct[0])
        }
    }

    /// How many answers are right, given the answer chosen to each question by index. Throws
    /// when an answer is missing or names a question or choice the module does not have (a
    /// forged form), so a completion is only ever recorded for real answers.
    public static func score(_ questions: [ModuleQuestion], answers: [Int: Int]) throws(CoopError) -> Int {
        for q in answers.keys where !questions.indices.contains(q) {
            throw .invalid(Words("This module has no question %s.", .text("\(q + 1)")))
        }
        var right = 0
        for (i, q) in questions.enumerated() {
            guard let a = answers[i] else {
                throw .invalid(Words("Answer question %s (every question needs an answer).", .text("\(i + 1)")))
            }
            guard q.choices.indices.contains(a) else {
                throw .invalid(Words("Question %1$s has no answer %2$s.", .text("\(i + 1)"), .text("\(a + 1)")))
            }
            if a == q.correct { right += 1 }
        }
        return right
    }
}
