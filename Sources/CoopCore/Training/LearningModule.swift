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
        var out: [String] = []
        let t = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { out.append("Give the module a title.") }
        if t.count > maxTitle { out.append("The title is \(t.count) characters; keep it to \(maxTitle).") }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out.append("Write the module's text.") }
        if text.count > maxText { out.append("The text is \(text.count) characters; keep it to \(maxText).") }
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
            guard body.count <= maxLine else { throw .invalid("Line \(n + 1) is longer than \(maxLine) characters.") }
            switch line.first {
            case "?":
                guard !body.isEmpty else { throw .invalid("Line \(n + 1) starts a question but asks nothing.") }
                questions.append((body, [], []))
            case "-", "*":
                guard !questions.isEmpty else {
                    throw .invalid("Line \(n + 1) is an answer before any question (start a question with ?).")
                }
                guard !body.isEmpty else { throw .invalid("Line \(n + 1) is an empty answer.") }
                if line.first == "*" { questions[questions.count - 1].correct.append(questions[questions.count - 1].choices.count) }
                questions[questions.count - 1].choices.append(body)
            default:
                throw .invalid("Line \(n + 1) should start with ? (a question), - (an answer) or * (the right answer).")
            }
        }
        guard !questions.isEmpty else { throw .invalid("Ask at least one question (a line starting with ?).") }
        guard questions.count <= maxQuestions else { throw .invalid("Ask at most \(maxQuestions) questions, not \(questions.count).") }
        return try questions.enumerated().map { (i, q) throws(CoopError) in
            guard q.choices.count >= 2, q.choices.count <= maxChoices else {
                throw .invalid("Question \(i + 1) needs 2 to \(maxChoices) answers; it has \(q.choices.count).")
            }
            guard q.correct.count == 1 else {
                throw .invalid("Question \(i + 1) needs exactly one right answer marked with *; it has \(q.correct.count).")
            }
            return ModuleQuestion(prompt: q.prompt, choices: q.choices, correct: q.correct[0])
        }
    }

    /// How many answers are right, given the answer chosen to each question by index. Throws
    /// when an answer is missing or names a question or choice the module does not have (a
    /// forged form), so a completion is only ever recorded for real answers.
    public static func score(_ questions: [ModuleQuestion], answers: [Int: Int]) throws(CoopError) -> Int {
        for q in answers.keys where !questions.indices.contains(q) {
            throw .invalid("This module has no question \(q + 1).")
        }
        var right = 0
        for (i, q) in questions.enumerated() {
            guard let a = answers[i] else { throw .invalid("Answer question \(i + 1) (every question needs an answer).") }
            guard q.choices.indices.contains(a) else { throw .invalid("Question \(i + 1) has no answer \(a + 1).") }
            if a == q.correct { right += 1 }
        }
        return right
    }
}
