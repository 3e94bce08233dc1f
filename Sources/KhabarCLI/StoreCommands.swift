import ArgumentParser
import Foundation
import Khabar

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring the desk's store to the current schema and say which migrations it has.",
        discussion: """
        Opens the store (creating it when missing), runs every migration it has not run yet, and \
        prints its schema version and the names of the migrations applied, oldest first. Every \
        command that opens the store does the same; this one does only that.
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var verbosity: VerbosityOptions

    func run() throws {
        verbosity.bootstrap()
        let opened = try store.open()
        let names: [String]
        do { names = try opened.appliedMigrations() } catch { throw CommandError("\(storeName(store.db)): cannot read the migrations: \(error)") }
        Console.out("\(storeName(store.db)): schema version \(names.count)\n")
        for name in names { Console.out("  \(name)\n") }
        Console.flush()
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every stored article as JSON Lines, in arrival order (to move a desk to another store).",
        discussion: """
        One line per article: {"seq", "received", "story", "article": {the clean article}}. \
        `khabar import` reads it back into another store, where the same articles make the same \
        stories. Digests and the entity catalog are not exported: the import makes them again.
        """)

    @OptionGroup var store: StoreOptions

    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).")
    var output: String?

    @OptionGroup var verbosity: VerbosityOptions

    func run() throws {
        verbosity.bootstrap()
        let source = try store.openExisting()
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
                throw CommandError("\(output): cannot create the file")
            }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        var progress = Progress(label: "exporting", enabled: !verbosity.quiet)
        do {
            try StoreExport.write(source, to: handle) { _ in progress.tick() }
            if output != nil { try handle.close() }
        } catch {
            // Half an export looks like a whole one to the import: leave none.
            if let output { try? FileManager.default.removeItem(atPath: output) }
            progress.clearLine()
            throw CommandError("the export stopped: \(error)")
        }
        progress.finish()
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Place the articles of `khabar export` files into the desk's store; digests made.",
        discussion: """
        Reads the files in the order given, each line by line, and places the articles in that \
        order with the arrival times they had (cleaning is not run again). The store may already \
        hold articles: ids it has are skipped. A line that is not an exported article is reported \
        with its file and line and the rest goes on. Ends with one summary line. Exit status: 0 \
        all placed, 1 some lines or articles failed.
        """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "Files written by `khabar export` ('-' for standard input).")
    var files: [String]

    @OptionGroup var verbosity: VerbosityOptions

    func run() throws {
        verbosity.bootstrap()
        let desk = StoryDesk(store: try store.open())
        var progress = Progress(label: "importing", enabled: !verbosity.quiet)
        let importer = StoreImporter(desk: desk, onError: { message in
            progress.clearLine()
            Console.error(message)
        }, progress: { placed in
            while progress.count < placed { progress.tick() }
        })
        var unreadable = 0
        for file in files {
            do { try importer.read(path: file) } catch {
                unreadable += 1
                progress.clearLine()
                Console.error("\(error)")
            }
        }
        let summary = importer.finish()
        progress.finish()
        let reposts = summary.sameText > 0 ? " (\(summary.sameText) of them re-posts of a text stored under another id)" : ""
        Console.out("\(summary.stored) articles stored\(reposts), \(summary.alreadyStored) already stored, \(summary.failed) failed\n")
        Console.flush()
        if summary.failed > 0 || unreadable > 0 { throw ExitCode(1) }
    }
}
