import CoopCore
import CoopStore
import Yams

/// Finds keys the bylaws format does not know, so that a misspelt optional field
/// (`currency_digit: 0`) is refused instead of silently ignored.
extension BylawsFile {
    private static let keys: [String: Set<String>] = [
        "": ["coop", "classes", "founders", "proposals", "board", "surplus", "policies", "categories", "areas"],
        "coop": ["name", "purpose", "currency", "currency_digits", "timezone", "language"],
        "classes[]": ["id", "name", "description", "share_price", "shares_required", "admission"],
        "founders[]": ["name", "email", "class", "steward"],
        "proposals.*": ["method", "quorum", "threshold", "discussion_days", "voting_days", "timelock_hours", "ballot"],
        "board": ["seats", "term_months", "reserved", "method"],
        "surplus": ["reserve", "patronage", "community", "classes", "measures", "cash_minimum", "period_months", "close"],
        "areas[]": ["id", "name", "latitude", "longitude"],
        "policies[]": ["key", "type", "description", "initial", "min", "max", "options", "name", "unit"],
    ]

    static func unknownKeys(in text: String) -> [BylawsIssue] {
        guard let root = try? Yams.compose(yaml: text) else { return [] }
        var issues: [BylawsIssue] = []
        check(root, pattern: "", path: "", issues: &issues)
        return issues
    }

    private static func check(_ node: Node, pattern: String, path: String, issues: inout [BylawsIssue]) {
        if let mapping = node.mapping {
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { continue }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if let allowed = keys[pattern] {
                    guard allowed.contains(key) else {
                        issues.append(
                            BylawsIssue(
                                field: childPath,
                                words: Words("unknown field; expected one of %s", .text(allowed.sorted().joined(separator: ", ")))))
                        continue
                    }
                    let childPattern = pattern.isEmpty ? key : "\(pattern).\(key)"
                    check(value, pattern: childPattern, path: childPath, issues: &issues)
                } else if keys[pattern + ".*"] != nil {
                    check(value, pattern: pattern + ".*", path: childPath, issues: &issues)
                }
            }
        } else if let sequence = node.sequence {
            for (i, item) in sequence.enumerated() {
                check(item, pattern: pattern + "[]", path: "\(path)[\(i)]", issues: &issues)
            }
        }
    }
}
