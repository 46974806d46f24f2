import CoopCore
import CoopStore
import Foundation
import Yams

/// Reading bylaws from their YAML text, with every problem named by field.
public enum BylawsFile {
    /// Parses and validates bylaws text.
    public static func parse(_ text: String) throws(BylawsError) -> Bylaws {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw BylawsError(issues: [BylawsIssue(field: "file", words: Words("is empty"))])
        }
        try checkShape(text)
        let doc: BylawsDocument
        do {
            doc = try YAMLDecoder().decode(BylawsDocument.self, from: text)
        } catch let error as DecodingError {
            throw BylawsError(issues: [issue(for: error)])
        } catch {
            throw BylawsError(issues: [BylawsIssue(field: "file", words: Words("not valid YAML: %s", .text("\(error)")))])
        }
        let unknown = unknownKeys(in: text)
        let bylaws: Bylaws
        do {
            bylaws = try Bylaws.validate(doc)
        } catch {
            throw BylawsError(issues: unknown + error.issues)
        }
        guard unknown.isEmpty else { throw BylawsError(issues: unknown) }
        return bylaws
    }

    /// Reads and validates a bylaws file.
    public static func load(path: String) throws -> (Bylaws, String) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw BylawsError(issues: [BylawsIssue(field: "file", words: Words("cannot read %s", .text(path)))]) }
        return (try parse(text), text)
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let i = key.intValue {
                out += "[\(i)]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out.isEmpty ? "file" : out
    }

    static func issue(for error: DecodingError) -> BylawsIssue {
        switch error {
        case .typeMismatch(let type, let context):
            return BylawsIssue(field: path(context.codingPath), words: Words("expected %s", .notice(describe(type))))
        case .valueNotFound(let type, let context):
            return BylawsIssue(field: path(context.codingPath), words: Words("expected %s, found nothing", .notice(describe(type))))
        case .keyNotFound(let key, let context):
            return BylawsIssue(field: path(context.codingPath + [key]), words: Words("missing"))
        case .dataCorrupted(let context):
            // The YAML parser's refusal (its line, column and reason stay as the parser wrote them);
            // another sentence of the decoder's is kept in English.
            if let parser = context.underlyingError, context.codingPath.isEmpty {
                return BylawsIssue(field: "file", words: Words("not valid YAML: %s", .text("\(parser)")))
            }
            return BylawsIssue(field: path(context.codingPath), words: .verbatim(context.debugDescription))
        @unknown default:
            return BylawsIssue(field: "file", words: .verbatim("\(error)"))
        }
    }

    static func describe(_ type: Any.Type) -> Words {
        switch type {
        case is Int.Type: Words("a whole number")
        case is String.Type: Words("text")
        case is Bool.Type: Words("true or false")
        default: "\(type)".contains("Array") ? Words("a list") : Words("a mapping of fields")
        }
    }
}
