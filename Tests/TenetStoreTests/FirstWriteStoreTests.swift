import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// A store opened on a project with no database file reads an empty project and creates
/// the file only when a changeset is written.
@Suite struct FirstWriteStoreTests {
    let scratch: ScratchDatabase
    var path: String { scratch.path }
    var files: [String] { scratch.files }

    init() throws { scratch = try ScratchDatabase() }

    static let text = "# S {#s}\n\n## A {#a kind=safety}\n\nDo not do a.\n"

    @Test func readsAndRefusedWritesCreateNothing() throws {
        defer { scratch.remove() }
        let store = try ProjectStore(path: path, author: "alice")
        #expect(!store.exists)
        #expect(try store.specList().isEmpty && store.specIDs().isEmpty)
        #expect(try store.log(limit: 10).isEmpty)
        #expect(try store.ruleSummaries().isEmpty)
        #expect(try store.latestChangeset() == 0)
        #expect(try store.changes(after: 0).latest == 0)
        #expect(try store.claimNext() == nil, "an empty queue")
        #expect(throws: StoreError.notFound("no pair `p-none`; see tenet pair list")) { try store.release("p-none") }
        #expect(try store.queueProgress().total == 0)
        #expect(try store.reviewStats().statuses.isEmpty)
        #expect(throws: StoreError.refused("nothing to undo for alice")) { try store.undo() }
        #expect(throws: StoreError.self) { try store.tag("v1") }
        #expect(throws: StoreError.self) { try store.annotate("a", AnnotationChange()) }
        #expect(throws: StoreError.self) { try store.decide("p-none", .accept) }
        #expect(!store.exists)
        #expect(files == [], "no database, no lock file")
    }

    @Test(arguments: [DatabaseConnections.pool, .single])
    func theFirstWriteCreatesTheFileAndTheStoreGoesOnWithIt(_ connections: DatabaseConnections) throws {
        defer { scratch.remove() }
        let store = try ProjectStore(path: path, identity: .owner("alice"), connections: connections)
        _ = try store.specList()
        let report = try store.importSpec(try SpecReader.read(path: "s.md", text: Self.text), text: Self.text)
        #expect(report.created && report.changeset == 1 && report.revision == 1)
        #expect(store.exists && files.contains("p.db") && files.contains("p.db.lock"))
        #expect(try store.specIDs() == ["s"])
        #expect(try store.log(limit: 10).count == 1, "the changeset was written once, not also in the empty project")
        #expect(try store.undo().reversed == 1)
    }

    /// An import of bad lines into a new project (the producer declines, or throws) leaves
    /// no file: no empty project where someone mistyped `--db`. The next import that keeps
    /// something creates it as any first write does.
    @Test func anImportThatKeepsNothingLeavesNoProjectFileBehind() throws {
        defer { scratch.remove() }
        let store = try storeAfterAFailedImport()
        #expect(!store.exists)
        #expect(files == [], "no database, log, shared memory or lock file")
        #expect(throws: StoreError.self) {
            try store.importPairs(message: "throws") { _ in throw StoreError.invalid("a bad line") }
        }
        #expect(files == [])
        var whileReading: [String]?
        #expect(try store.importPromptSet(name: "p", source: "p.jsonl", format: "jsonl", message: "bad") { writer in
            try writer.add(PromptItem(id: "1", prompt: "Is Lisbon safe at night?"))
            whileReading = files
            return false
        } == nil)
        #expect(whileReading == [], "prompts are read before the project file is made: Ctrl-C while reading leaves nothing")
        #expect(files == [])
        #expect(try store.pairs().isEmpty, "the store reads an empty project again")

        let report = try #require(try store.importPairs(message: "good") { writer in
            try writer.add(PairStoreTests.pair(1))
            return true
        })
        #expect(report.added == 1 && store.exists)
        #expect(try ProjectStore(path: path, author: "bob").pairs().count == 1)
    }

    /// A project that was there before a failed import stays, with what it held.
    @Test func anImportThatKeepsNothingLeavesAnExistingProjectAsItWas() throws {
        defer { scratch.remove() }
        let store = try ProjectStore(path: path, identity: .owner("alice"), connections: .single)
        _ = try store.importSpec(try SpecReader.read(path: "s.md", text: Self.text), text: Self.text)
        let before = files
        #expect(try store.importPairs(message: "bad") { _ in false } == nil)
        #expect(files == before)
        #expect(try ProjectStore(path: path, author: "bob").specIDs() == ["s"])
    }

    /// A write that created the project and kept nothing does not remove it while someone
    /// else has it open: their save goes into it, seen by everyone. (With one connection the
    /// store's own removal is tried; bob's store holds the project's presence lock.)
    @Test func aNewProjectSomeoneElseHasOpenIsNotRemoved() throws {
        defer { scratch.remove() }
        let store = try ProjectStore(path: path, identity: .owner("alice"), connections: .single)
        var other: ProjectStore?
        let wrote = try store.removingNewFileUnlessWritten({ () throws(StoreError) -> Bool in
            try store.createFile()
            other = try ProjectStore(path: path, author: "bob")
            return false
        }, wrote: { $0 })
        #expect(!wrote)
        #expect(files.contains("p.db") && files.contains("p.db.lock"))
        let bob = try #require(other)
        #expect(try bob.savePairs([PairStoreTests.pair(2)], message: "into the new project").added == 1)
        #expect(try ProjectStore(path: path, author: "carol").pairs().count == 1)

        // Alone, the same write removes the project it made.
        other = nil
        try FileManager.default.removeItem(atPath: scratch.directory)
        try FileManager.default.createDirectory(atPath: scratch.directory, withIntermediateDirectories: false)
        let again = try ProjectStore(path: path, identity: .owner("alice"), connections: .single)
        #expect(try again.removingNewFileUnlessWritten({ () throws(StoreError) -> Bool in try again.createFile(); return false }, wrote: { $0 }) == false)
        #expect(files == [])
    }

    /// Someone who made the project, saving into it, while the failed import was reading:
    /// the import leaves it, with what it holds.
    @Test func aFailedImportKeepsANewProjectSomeoneSavedInto() throws {
        defer { scratch.remove() }
        let store = try ProjectStore(path: path, identity: .owner("alice"), connections: .single)
        #expect(try store.importPairs(message: "bad") { _ in
            let bob = try ProjectStore(path: path, author: "bob")
            _ = try bob.savePairs([PairStoreTests.pair(2)], message: "while alice imports")
            return false
        } == nil)
        #expect(files.contains("p.db"))
        #expect(try ProjectStore(path: path, author: "carol").pairs().count == 1)
    }

    /// After a failed import removed the project, the next write creates it afresh, as the
    /// owner's alone, and the failed import's store reads the new file.
    @Test func aProjectOpenedAfterAFailedImportRemovedItIsCreatedAfresh() throws {
        defer { scratch.remove() }
        let store = try storeAfterAFailedImport()
        #expect(files == [])
        let bob = try ProjectStore(path: path, author: "bob")
        #expect(try bob.savePairs([PairStoreTests.pair(2)], message: "anew").added == 1)
        #expect(files.contains("p.db") && files.contains("p.db.lock"))
        var mode = stat()
        #expect(stat(path, &mode) == 0 && mode.st_mode & 0o777 == 0o600, "created by Tenet, the owner's alone")
        #expect(try store.pairs().count == 1, "alice's store reads the new file")
    }

    /// A project path that is a symbolic link with no file behind it yet: the first write
    /// makes the file at the target, the owner's alone; a failed import removes what it made
    /// there and leaves the link as it was.
    @Test func aFailedImportThroughASymbolicLinkLeavesTheLinkAsItWas() throws {
        defer { scratch.remove() }
        let link = scratch.directory + "/link.db", real = scratch.directory + "/real"
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/proj.db")
        let store = try ProjectStore(path: link, identity: .owner("alice"), connections: .single)
        #expect(try store.importPairs(message: "bad") { _ in false } == nil)
        #expect(files == ["link.db", "real"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/proj.db")
        #expect(try FileManager.default.contentsOfDirectory(atPath: real).isEmpty)

        #expect(try store.importPairs(message: "good") { writer in
            try writer.add(PairStoreTests.pair(1))
            return true
        }?.added == 1)
        var status = stat()
        #expect(stat(real + "/proj.db", &status) == 0 && status.st_mode & 0o777 == 0o600, "made at the target, the owner's alone")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/proj.db")
    }

    /// A symbolic link into a directory that does not exist is refused on opening, with what
    /// to do, as a path into a missing directory is, and nothing is made beside the link (the
    /// first write left a lock file there and failed).
    @Test func aLinkIntoAMissingDirectoryIsRefusedBeforeAnythingIsMade() throws {
        defer { scratch.remove() }
        let link = scratch.directory + "/link.db", hop = scratch.directory + "/hop.db"
        try FileManager.default.createSymbolicLink(atPath: hop, withDestinationPath: "missing/proj.db")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "hop.db")
        let error = #expect(throws: StoreError.self) { try ProjectStore(path: link, identity: .owner("alice"), connections: .single) }
        #expect(error?.description.contains("is a symbolic link to \(scratch.directory)/missing/proj.db, whose directory \(scratch.directory)/missing does not exist") == true,
                "\(String(describing: error))")
        #expect(files == ["hop.db", "link.db"], "no lock file beside the link")
    }

    /// A link planted where the lock file is: the lock is made mode 0600 (and, for root,
    /// given to the project's owner), so opening through the link would do that to the
    /// file it points to. Refused, with what to do; that file is untouched.
    @Test func aLinkInPlaceOfTheLockFileIsRefusedAndWhatItPointsToIsUntouched() throws {
        defer { scratch.remove() }
        _ = try ProjectStore(path: path, identity: .owner("alice"), connections: .single).importPairs(message: "one") { writer in
            try writer.add(PairStoreTests.pair(1))
            return true
        }
        let victim = scratch.directory + "/victim.txt"
        try "someone's file\n".write(toFile: victim, atomically: false, encoding: .utf8)
        chmod(victim, 0o644)
        unlink(path + ".lock")
        try FileManager.default.createSymbolicLink(atPath: path + ".lock", withDestinationPath: victim)

        let error = #expect(throws: StoreError.self) { try ProjectStore(path: path, identity: .owner("alice"), connections: .single).pairs() }
        #expect(error?.description.contains("lock file \(path).lock is a symbolic link; Tenet makes that file itself: remove the link") == true,
                "\(String(describing: error))")
        var status = stat()
        #expect(stat(victim, &status) == 0 && status.st_mode & 0o777 == 0o644)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "someone's file\n")
    }

    /// A dangling link someone else planted where a project would be made: the new file
    /// would be made wherever it points (another person's `.bashrc`, or for root any path,
    /// then given to the folder's owner). Refused unless the links are one's own. Needs
    /// root to give the link to another user (CI runs as root); skipped otherwise.
    @Test func aDanglingLinkOfAnotherUserIsNotFollowedToMakeAProject() throws {
        defer { scratch.remove() }
        guard geteuid() == 0 else { return }
        let link = scratch.directory + "/team.db"
        try FileManager.default.createDirectory(atPath: scratch.directory + "/home", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "home/.bashrc")
        #expect(lchown(link, 4242, 4242) == 0)
        let error = #expect(throws: StoreError.self) {
            try ProjectStore(path: link, identity: .owner("alice"), connections: .single).importPairs(message: "one") { writer in
                try writer.add(PairStoreTests.pair(1))
                return true
            }
        }
        #expect(error?.description.contains("a link on the way is another user's (uid 4242)") == true, "\(String(describing: error))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.directory + "/home").isEmpty, "nothing made at the target")
        #expect(files == ["home", "team.db"], "no lock file beside the link")
    }

    /// Alice's store, after an import of one pair into the new project declined to keep it.
    func storeAfterAFailedImport() throws -> ProjectStore {
        let store = try ProjectStore(path: path, identity: .owner("alice"), connections: .single)
        var whileReading: [String]?
        #expect(try store.importPairs(message: "bad") { writer in
            try writer.add(PairStoreTests.pair(1))
            whileReading = files
            return false
        } == nil)
        #expect(whileReading == [], "the lines are read before the project file is made: Ctrl-C while reading leaves nothing")
        return store
    }

    @Test func aStoreReadingAnEmptyProjectSeesTheFileAnotherProcessCreates() throws {
        defer { scratch.remove() }
        let watcher = try ProjectStore(path: path, author: "alice")
        #expect(try watcher.specList().isEmpty)
        let other = try ProjectStore(path: path, author: "bob")
        _ = try other.importSpec(try SpecReader.read(path: "s.md", text: Self.text), text: Self.text)
        #expect(try watcher.specList().map(\.id) == ["s"])
        #expect(try watcher.changes(after: 0).notices.map(\.author) == ["bob"])
        #expect(watcher.exists)
    }

    @Test func aMissingDirectoryIsStillAnErrorAtOnce() throws {
        defer { scratch.remove() }
        #expect(throws: StoreError.self) { try ProjectStore(path: scratch.directory + "/no/such/p.db", author: "alice") }
    }
}

/// A tag is typed and shown in listings: a name of over 100 characters, or one with a line
/// break, is refused, and the message shows it safely and cut short.
@Suite struct TagNameTests {
    @Test func aLongOrBrokenTagNameIsRefused() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, identity: .owner("alice"))
        let text = "# S {#s}\n\n## A {#a kind=safety}\n\nDo not do a.\n"
        _ = try store.importSpec(try SpecReader.read(path: "s.md", text: text), text: text)
        #expect(try store.tag(String(repeating: "v", count: 100)).name.count == 100)
        do {
            _ = try store.tag(String(repeating: "w", count: 120_000))
            Issue.record("a 120,000-character tag was taken")
        } catch {
            #expect("\(error)".contains("use up to 100 letters") && "\(error)".count < 400, "\(error)")
        }
        do {
            _ = try store.tag("v1\nforged")
            Issue.record("a tag with a line break was taken")
        } catch {
            #expect("\(error)".contains("v1↵forged"), "\(error)")
        }
    }
}
