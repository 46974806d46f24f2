import CoopCore

extension AssemblyStatus {
    /// Where an assembly stands, after "it is", in the reader's language: `convened`, `open`.
    /// (The raw value is the English, as the refusals always quoted it.)
    public var words: Words {
        switch self {
        case .convened: Words.tc("assembly", "convened")
        case .open: Words.tc("assembly", "open")
        case .closed: Words.tc("assembly", "closed")
        }
    }
}
