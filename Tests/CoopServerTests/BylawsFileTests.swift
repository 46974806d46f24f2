import CoopCore
import CoopStore
import Foundation
import Testing

@testable import CoopServer

extension Server {
    @Suite struct BylawsFileTests {
        @Test(arguments: BylawsTemplate.allCases)
        func everyTemplateIsValidAsWritten(template: BylawsTemplate) throws {
            let bylaws = try BylawsFile.parse(template.text)
            #expect(bylaws.founders.contains { $0.steward })
            #expect(bylaws.policy("platform_fee") != nil)
        }

        @Test func theDemoBylawsAreValid() throws {
            #expect(try BylawsFile.parse(DemoCoop.text).founders.count == 6)
        }

        @Test(arguments: [
            ("classes[1].admission", "admission: automatic", "admission: lottery"),
            (
                "proposals.policy_change.threshold",
                "threshold: 0.5,    discussion_days: 7,  voting_days: 7,  timelock_hours: 48 }\n  bylaw",
                "threshold: 1.5,    discussion_days: 7,  voting_days: 7,  timelock_hours: 48 }\n  bylaw"
            ),
            ("policies.platform_fee.max", "max: 25%", "max: 5%"),
            ("coop.currency", "currency: EUR ", "currency_missing: EUR "),
            ("founders[0].class", "class: worker\n    steward: true", "class: wizard\n    steward: true"),
            ("classes[0].shares_required", "shares_required: 2", "shares_required: two"),
            ("coop.currency_digit", "currency_digits: 2", "currency_digit: 2"),
            ("policies[0].maximum", "max: 25%", "maximum: 25%"),
            ("categories[1]", "categories: [cleaning, delivery,", "categories: [cleaning, Delivery Vans,"),
            ("categories[1]", "categories: [cleaning, delivery,", "categories: [cleaning, cleaning,"),
            (
                "proposals.general.quorom", "general:         { method: approval, quorum: 0,",
                "general:         { method: approval, quorom: 0, quorum: 0,"
            ),
        ])
        func aBadFileNamesTheFieldAndTheReason(field: String, find: String, replace: String) throws {
            let text = BylawsTemplate.worker.text.replacingOccurrences(of: find, with: replace)
            #expect(text != BylawsTemplate.worker.text, "the test's edit did not apply")
            do {
                _ = try BylawsFile.parse(text)
                Issue.record("accepted a bad file")
            } catch {
                #expect(error.issues.contains { $0.field == field }, "\(error)")
            }
        }

        @Test func notYAMLAtAllIsRefused() {
            #expect(throws: BylawsError.self) { try BylawsFile.parse("coop: [unclosed") }
            #expect(throws: BylawsError.self) { try BylawsFile.parse("   \n") }
        }

        @Test func serveRefusesABadFileBeforeWritingAnything() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coop-cli-\(UUID().uuidString)").path
            let file = dir + "-bylaws.yaml"
            try BylawsTemplate.worker.text.replacingOccurrences(of: "max: 25%", with: "max: 5%").write(
                toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let command = try ServeCommand.parse(["--bylaws", file, "--data-dir", dir, "--port", "18089"])
            await #expect(throws: CLIError.self) { try await command.run() }
            #expect(!FileManager.default.fileExists(atPath: dir))
        }

        @Test func initWritesATemplateAndWillNotOverwrite() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coop-init-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try InitCommand.parse([dir, "--template", "multi-stakeholder"]).run()
            let (bylaws, _) = try BylawsFile.load(path: dir + "/bylaws.yaml")
            #expect(bylaws.classes.map(\.id) == ["worker", "user", "supporter"])
            #expect(throws: CLIError.self) { try InitCommand.parse([dir]).run() }
        }
    }
}
