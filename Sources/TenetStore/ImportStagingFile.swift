import Foundation

/// An import's staged records, each under a key (a pair's ID), given back in key order with
/// only the first record of each key — an external sort in a temporary file of its own.
///
/// Records are gathered in memory up to ``runBytes``; then they are sorted by key and
/// written out as one sorted *run* of a temporary file that is unlinked as soon as it is
/// made (a killed import leaves no file behind, and nothing in the project). Reading back
/// merges the runs, each read sequentially through a small buffer, so memory stays at
/// about one run however many records there are (a million pairs: ~110 runs of 4 MB, read
/// back through 36 KB each). An import that fits in one run never touches the file.
///
/// Keys are ordered as SQLite's `BINARY` collation orders text (bytes, then length), so
/// the records come back in the order of the project's B-trees. Of records with the same
/// key, the one added first wins.
final class ImportStagingFile {
    /// Bytes of records held in memory before they are written out as a sorted run.
    let runBytes: Int
    /// Where the temporary file is made (it is unlinked at once).
    private let directory: String
    /// The current run: `[UInt32 key length][UInt32 value length][key][value]`, in the order added.
    private var arena: [UInt8] = []
    /// Where each record of the current run starts in `arena`.
    private var starts: [Int] = []
    private var fd: Int32 = -1
    private var fileSize = 0
    /// The runs written so far: where each starts in the file and how long it is.
    private var runs: [(start: Int, length: Int)] = []
    /// Records added (duplicates included).
    private(set) var count = 0
    /// How many runs went to the file (the tests check that large inputs spill).
    var spilledRuns: Int { runs.count }
    /// Bytes of records held in memory now (at most a run and one record).
    var heldBytes: Int { arena.count }

    static let defaultRunBytes = 4 << 20
    /// Read-back buffer per run at most (grown for a record larger than it), and all the
    /// runs' buffers together: with many runs each reads through less, so that memory does
    /// not grow with the file (a million pairs: ~110 runs of 4 MB, 36 KB each).
    static let readBytes = 64 << 10
    static let readBudget = 4 << 20

    init(runBytes: Int = defaultRunBytes, directory: String = NSTemporaryDirectory()) {
        self.runBytes = max(1, runBytes)
        self.directory = directory
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Adds a record; `value` is opaque bytes.
    func add(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        // A run's room at once (untouched pages cost nothing): grown by doubling, it would
        // end up twice the run.
        if arena.capacity == 0 { arena.reserveCapacity(runBytes + Self.readBytes) }
        starts.append(arena.count)
        Self.appendLength(key.count, to: &arena)
        Self.appendLength(value.count, to: &arena)
        arena.append(contentsOf: key)
        arena.append(contentsOf: value)
        count += 1
        if arena.count >= runBytes { try spill() }
    }

    /// Adds a record under a text key.
    func add(key: String, value: [UInt8]) throws {
        var key = key
        try key.withUTF8 { key in try value.withUnsafeBytes { try add(key: UnsafeRawBufferPointer(key), value: $0) } }
    }

    /// Calls `body` with the first record of each key, in key order. The buffers are valid
    /// only during the call. Records added afterwards are not seen; call it once.
    func forEachFirstInKeyOrder(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) throws {
        if runs.isEmpty {
            let order = sortedStarts()
            try arena.withUnsafeBytes { base in
                var previous: UnsafeRawBufferPointer?
                for start in order {
                    let (key, value) = Self.record(base, at: start)
                    if let previous, Self.compare(previous, key) == 0 { continue }
                    previous = key
                    try body(key, value)
                }
            }
            return
        }
        if !starts.isEmpty { try spill() }
        arena = []
        starts = []
        let buffer = max(4 << 10, min(Self.readBytes, Self.readBudget / runs.count))
        let readers = try runs.map { try RunReader(fd: fd, start: $0.start, length: $0.length, buffer: buffer) }
        // A binary heap of the runs that still have records, by (key, run): the earlier run
        // holds the earlier record of a key.
        var heap = readers.indices.filter { readers[$0].hasRecord }
        func less(_ a: Int, _ b: Int) -> Bool {
            let order = Self.compare(readers[a].key, readers[b].key)
            return order != 0 ? order < 0 : a < b
        }
        func siftDown(_ from: Int) {
            var parent = from
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, less(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, less(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        var previous: [UInt8] = []
        var first = true
        while let top = heap.first {
            let reader = readers[top]
            let key = reader.key
            let duplicate = !first && previous.withUnsafeBytes { Self.compare($0, key) == 0 }
            if !duplicate {
                previous.removeAll(keepingCapacity: true)
                previous.append(contentsOf: key)
                first = false
                try body(key, reader.value)
            }
            try reader.advance()
            if reader.hasRecord { siftDown(0) } else {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
                siftDown(0)
            }
        }
    }

    /// Sorts the current run and appends it to the file (made, and unlinked, on first use).
    private func spill() throws {
        if fd < 0 { fd = try Self.makeFile(in: directory) }
        let order = sortedStarts()
        let start = fileSize
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        try arena.withUnsafeBytes { base in
            for at in order {
                let (key, value) = Self.record(base, at: at)
                out.append(contentsOf: base[at..<(at + 8)])
                out.append(contentsOf: key)
                out.append(contentsOf: value)
                if out.count >= 1 << 20 { try flush(&out) }
            }
        }
        try flush(&out)
        runs.append((start, fileSize - start))
        arena.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
    }

    private func flush(_ out: inout [UInt8]) throws {
        try out.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let wrote = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(fileSize + done))
                if wrote < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.invalid("could not write the import's temporary file in \(directory): \(String(cString: strerror(errno))); free some space or set TMPDIR")
                }
                done += wrote
            }
        }
        fileSize += out.count
        out.removeAll(keepingCapacity: true)
    }

    /// The current run's record starts sorted by key, then by the order they came in.
    private func sortedStarts() -> [Int] {
        var order = starts
        arena.withUnsafeBytes { base in
            order.sort { a, b in
                let c = Self.compare(Self.record(base, at: a).key, Self.record(base, at: b).key)
                return c != 0 ? c < 0 : a < b
            }
        }
        return order
    }

    /// A temporary file nobody else can open: unlinked as soon as it is made.
    private static func makeFile(in directory: String) throws -> Int32 {
        var template = Array(((directory as NSString).appendingPathComponent("tenet-import-XXXXXX")).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw StoreError.invalid("could not make the import's temporary file in \(directory): \(String(cString: strerror(errno))); set TMPDIR to a writable directory")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    static func appendLength(_ length: Int, to out: inout [UInt8]) {
        let value = UInt32(truncatingIfNeeded: length)
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    static func length(_ base: UnsafeRawBufferPointer, at offset: Int) -> Int {
        Int(base.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
    }

    /// The key and value of the record starting at `at`.
    static func record(_ base: UnsafeRawBufferPointer, at: Int) -> (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        let keyLength = length(base, at: at), valueLength = length(base, at: at + 4)
        let key = UnsafeRawBufferPointer(rebasing: base[(at + 8)..<(at + 8 + keyLength)])
        let value = UnsafeRawBufferPointer(rebasing: base[(at + 8 + keyLength)..<(at + 8 + keyLength + valueLength)])
        return (key, value)
    }

    /// Bytewise, then shorter first (SQLite's `BINARY` collation): negative, 0 or positive.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}

/// One sorted run of the staging file, read sequentially through a buffer.
private final class RunReader {
    let fd: Int32
    private var offset: Int
    private let end: Int
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    /// The current record's start in the buffer, and how many bytes the buffer holds.
    private var start = 0
    private var filled = 0
    private(set) var hasRecord = false
    private(set) var key = UnsafeRawBufferPointer(start: nil, count: 0)
    private(set) var value = UnsafeRawBufferPointer(start: nil, count: 0)

    init(fd: Int32, start: Int, length: Int, buffer bytes: Int) throws {
        self.fd = fd
        offset = start
        end = start + length
        capacity = bytes
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        try load()
    }

    deinit { buffer.deallocate() }

    /// Moves to the next record.
    func advance() throws {
        start += 8 + key.count + value.count
        try load()
    }

    /// Makes the record at `start` whole in the buffer (reading more, or a bigger buffer).
    private func load() throws {
        guard try ensure(8) else { hasRecord = false; return }
        let view = UnsafeRawBufferPointer(start: buffer + start, count: filled - start)
        let keyLength = ImportStagingFile.length(view, at: 0), valueLength = ImportStagingFile.length(view, at: 4)
        guard try ensure(8 + keyLength + valueLength) else {
            throw StoreError.invalid("the import's temporary file ended inside a record; nothing imported")
        }
        key = UnsafeRawBufferPointer(start: buffer + start + 8, count: keyLength)
        value = UnsafeRawBufferPointer(start: buffer + start + 8 + keyLength, count: valueLength)
        hasRecord = true
    }

    /// Whether `bytes` bytes from `start` are (now) in the buffer; false at the run's end.
    private func ensure(_ bytes: Int) throws -> Bool {
        if filled - start >= bytes { return true }
        // Keep what is left of the current record at the front, then read more.
        let left = filled - start
        if start > 0 {
            if left > 0 { memmove(buffer, buffer + start, left) }
            start = 0
            filled = left
        }
        if bytes > capacity {
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 8)
            bigger.copyMemory(from: buffer, byteCount: filled)
            buffer.deallocate()
            buffer = bigger
            capacity = bytes
        }
        while filled < bytes && offset < end {
            let read = pread(fd, buffer + filled, min(capacity - filled, end - offset), off_t(offset))
            if read < 0 {
                if errno == EINTR { continue }
                throw StoreError.invalid("could not read the import's temporary file: \(String(cString: strerror(errno)))")
            }
            if read == 0 { break }
            filled += read
            offset += read
        }
        return filled >= bytes
    }
}
