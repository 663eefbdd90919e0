import Foundation
import Testing
@testable import TenetWorkbench
import TenetTestSupport

/// Drafts for the external editor are private: a 0700 directory of 0600 files, removed
/// after use and at exit.
@Suite struct PrivateDraftsTests {
    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func draftsAreOnlyReadableByTheirOwner() throws {
        let parent = try temporaryDirectory("tenet-drafts-test")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // A permissive umask must not widen the modes.
        let old = umask(0)
        defer { umask(old) }
        let drafts = PrivateDrafts(parent: parent)
        let path = try drafts.create("answer", text: "a secret answer\n")
        let directory = try #require(drafts.directory)
        #expect(directory.hasPrefix(parent + "/tenet-drafts-"))
        #expect(try Self.mode(directory) == 0o700)
        #expect(try Self.mode(path) == 0o600)
        #expect(drafts.read(path) == "a secret answer\n")
        try drafts.rewrite(path, text: "merged")
        #expect(try Self.mode(path) == 0o600)
        #expect(drafts.read(path) == "merged")
        drafts.remove(path)
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = try drafts.create("example", text: "left behind")
        drafts.removeAll()
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func theDirectoryFollowsTMPDIRAndNoEditorIsChosenWithoutOne() {
        #expect(!ExternalEditor(configured: nil, environment: [:]).isChosen)
        #expect(ExternalEditor(configured: nil, environment: [:]).command == "vi")
        #expect(ExternalEditor(configured: "nano", environment: [:]).isChosen)
        #expect(ExternalEditor(configured: nil, environment: ["EDITOR": "ed"]).command == "ed")
        #expect(PrivateDrafts(parent: "/var/tmp/").parent == "/var/tmp")
    }
}
