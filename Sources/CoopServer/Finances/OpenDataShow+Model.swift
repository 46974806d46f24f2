import CoopCore
import CoopStore
import Fluent
import Foundation

/// The open data page: the datasets anyone may download, and the privacy threshold in force.
enum OpenDataShow {
    struct Model {
        /// The governed `open_data_privacy_threshold`.
        let threshold: Int64
        let datasets: [OpenData.Dataset]
    }

    static func load(on db: any Database) async throws -> Model {
        Model(threshold: try await OpenData.threshold(on: db), datasets: OpenData.datasets)
    }
}
