import Dispatch

extension BallotFile {
    /// Reads CSV ballots, a large file in two halves on two threads (split at a line end), then
    /// joins them: the second half's candidates are renumbered to the first's, in order of first
    /// appearance, so the result is the same as reading the file in one piece.
    static func parseCSV(_ bytes: UnsafeRawBufferPointer, weighted: Bool) throws(TallyError) -> BallotSet {
        let size = bytes.count
        var split = size / 2
        while split < size && bytes[split] != 0x0A { split += 1 }
        guard size > 4 << 20, split < size - 1 else {
            var reader = CSVBallotReader(bytes: bytes, weighted: weighted)
            return try reader.read()
        }
        nonisolated(unsafe) let halves = [
            UnsafeRawBufferPointer(rebasing: bytes[0..<split + 1]), UnsafeRawBufferPointer(rebasing: bytes[(split + 1)...]),
        ]
        // Each thread writes only its own slot of these two buffers.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Result<BallotSet, TallyError>?>.allocate(capacity: 2)
        nonisolated(unsafe) let lines = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2)
        results.initialize(repeating: nil)
        lines.initialize(repeating: 0)
        defer {
            results.deinitialize()
            results.deallocate()
            lines.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            var reader = CSVBallotReader(bytes: halves[i], weighted: weighted)
            results[i] = Result { () throws(TallyError) in try reader.read() }
            lines[i] = reader.linesRead
        }
        let first = try results[0]!.get()
        let second: BallotSet
        switch results[1]! {
        case .success(let s): second = s
        case .failure(.malformed(let line, let reason)): throw .malformed(line: line + lines[0], reason: reason)
        case .failure(let e): throw e
        }
        var names = first.candidates
        var index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var map = [UInt16](repeating: 0, count: second.candidates.count)
        for (i, name) in second.candidates.enumerated() {
            if let known = index[name] {
                map[i] = UInt16(known)
            } else {
                guard names.count < Int(UInt16.max) else { throw .malformed(line: 0, reason: Words("too many candidates")) }
                index[name] = names.count
                map[i] = UInt16(names.count)
                names.append(name)
            }
        }
        var preferences = first.preferences
        preferences.reserveCapacity(first.preferences.count + second.preferences.count)
        preferences.append(contentsOf: second.preferences.lazy.map { map[Int($0)] })
        let offset = first.preferences.count
        var starts = first.starts
        starts.append(contentsOf: second.starts.dropFirst().lazy.map { $0 + offset })
        return BallotSet(
            candidates: names, preferences: preferences, starts: starts, weights: first.weights + second.weights)
    }
}
