import Foundation

/// A translation of the bylaws: the same rules, other words. The binding text is the version the
/// members adopted; a translation of it is kept beside it, marked as not binding, and is accepted
/// only if it decides exactly what the binding text decides.
public enum BylawsTranslation {
    /// The fields a translation may word differently: the co-op's name and purpose, and the names,
    /// descriptions and units of classes, policies and areas. Everything else (ids, amounts,
    /// shares, rules of every kind of proposal, policy values and options, categories, founders'
    /// e-mails...) must be the same.
    public static let wordedFields: Set<String> = ["name", "purpose", "description", "unit"]

    /// Where the translation decides something the binding text does not (dotted paths, at most
    /// `limit`), or an empty list when the two have the same rules.
    public static func differences(binding: Bylaws, translation: Bylaws, limit: Int = 5) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let a = try? encoder.encode(binding), let b = try? encoder.encode(translation),
            let x = try? JSONSerialization.jsonObject(with: a), let y = try? JSONSerialization.jsonObject(with: b)
        else { return ["the bylaws"] }
        var out: [String] = []
        // The rules of each kind of proposal: a dictionary keyed by kind, which JSON writes as a
        // list in no set order, so compared as values.
        for kind in ProposalKind.allCases where binding.proposals[kind] != translation.proposals[kind] {
            out.append("proposals.\(kind.rawValue)")
        }
        compare(x, y, path: "", into: &out, limit: limit)
        return Array(out.prefix(limit))
    }

    private static func compare(_ x: Any, _ y: Any, path: String, into out: inout [String], limit: Int) {
        guard out.count < limit else { return }
        switch (x, y) {
        case (let a as [String: Any], let b as [String: Any]):
            for key in Set(a.keys).union(b.keys).sorted() where !wordedFields.contains(key) && !(path.isEmpty && key == "proposals") {
                let sub = path.isEmpty ? key : "\(path).\(key)"
                guard let va = a[key], let vb = b[key] else {
                    out.append(sub)
                    continue
                }
                compare(va, vb, path: sub, into: &out, limit: limit)
            }
        case (let a as [Any], let b as [Any]):
            guard a.count == b.count else {
                out.append(path)
                return
            }
            for (i, (va, vb)) in zip(a, b).enumerated() { compare(va, vb, path: "\(path)[\(i)]", into: &out, limit: limit) }
        default:
            if String(describing: x) != String(describing: y) { out.append(path) }
        }
    }
}
