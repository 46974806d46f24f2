/// What training a category of work needs. A co-op's bylaws may define, per category, an integer
/// policy `module_required_<category>` naming a learning module by its number (0: none); like
/// every policy it changes only by a passed proposal. It never gates voting: only the
/// dispatcher and direct orders read it.
public enum TrainingRules {
    /// The policy naming the module a category's work needs: `module_required_cleaning`.
    public static func policyKey(category: String) -> String { "module_required_" + category.lowercased() }

    /// The module number a policy's value requires; nil when it requires none (absent, 0, a
    /// negative number, or not a number at all).
    public static func requiredModule(_ value: PolicyValue?) -> Int? {
        guard let n = value?.number, n > 0, n <= Int64(Int32.max) else { return nil }
        return Int(n)
    }

    /// Whether a worker may take work that requires `requiredModule`: none is required, or they
    /// completed it.
    public static func mayWork(requiredModule: Int?, completed: Bool) -> Bool { requiredModule == nil || completed }
}
