import ArgumentParser
import Foundation
import HotlineCore

/// `hotline mail ingest`: one message on standard input (a mail server's pipe), or a Maildir's
/// new messages, into the inbox.
struct MailIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Store e-mail in the inbox: one message on stdin, or a Maildir's new ones.",
        discussion: """
            For a mail server's pipe (Postfix: an alias `hotline: "|/usr/local/bin/hotline mail ingest"`).
            Exit codes as sendmail's: 0 stored (or stored before: the same Message-ID is kept once);
            65 the message can never be taken (the reason on standard error, for the bounce);
            75 a temporary failure (database busy or unavailable, a configuration error): the mail
            server keeps the message and tries again.
            With --maildir DIR each message in DIR/new is moved to DIR/cur once it is committed; a
            refused one stays in new/ and is named on standard error.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Take the new messages of this Maildir instead of standard input.") var maildir: String?
    @Flag(
        help: """
            Acknowledge each new message with its inbox number (RFC 3834: never to automatic, bulk or \
            list mail, at most once a day per sender), from mail.address through mail.sendmail.
            """)
    var acknowledge = false

    /// sendmail's exit codes (sysexits.h).
    static let stored: Int32 = 0
    static let refusedForGood: Int32 = 65  // EX_DATAERR
    static let temporaryFailure: Int32 = 75  // EX_TEMPFAIL

    func run() async throws {
        let context: CommandContext
        do {
            context = try await CommandContext.make(options, oneShot: maildir == nil)
        } catch {
            // No database or configuration: the mail server keeps the message until it is fixed.
            Console.printError("hotline: \(Self.describe(error))")
            throw ExitCode(Self.temporaryFailure)
        }
        if let maildir {
            throw ExitCode(try ingest(maildir: maildir, context))
        }
        let bytes = FileHandle.standardInput.readData(ofLength: MailMessage.maxBytes + 1)
        let code = ingest(bytes, named: "the message", context)
        if code != Self.stored { throw ExitCode(code) }
    }

    /// Parses and stores one message; its exit code, the reason written on standard error.
    func ingest(_ bytes: Data, named name: String, _ context: CommandContext) -> Int32 {
        do {
            return try stored(mail: MailMessage(parsing: bytes), named: name, context)
        } catch {
            return refused(named: name, error)
        }
    }

    /// Stores one parsed message in a transaction of its own; its exit code.
    func stored(mail: MailMessage, named name: String, _ context: CommandContext) -> Int32 {
        do {
            let received = try context.hotline.receive(
                mail.incoming(defaultCountry: context.hotline.rules.defaultCountry))
            return stored(received, mail: mail, context)
        } catch {
            return refused(named: name, error)
        }
    }

    /// What follows a commit: the acknowledgement, the line said.
    func stored(_ received: ReceivedMessage, mail: MailMessage, _ context: CommandContext) -> Int32 {
        if acknowledge { self.acknowledge(received, mail: mail, context) }
        if context.format == .json {
            guard let json = try? Render.json(received) else { return Self.stored }  // stored all the same
            Console.print(json)
        } else if maildir == nil {
            Console.print(Self.line(received))
        }
        return Self.stored
    }

    /// Says why a message was not stored; its exit code.
    func refused(named name: String, _ error: any Error) -> Int32 {
        let code = Self.exitCode(for: error)
        Console.printError(
            "hotline: \(name) \(code == Self.refusedForGood ? "refused" : "not stored now"): \(Self.describe(error))")
        return code
    }

    /// Messages a Maildir run stores per transaction, and the most bytes of mail it holds
    /// parsed at once: one commit (one fsync) for many messages, and a refused one left out
    /// alone. A message is moved to cur/ only after its batch is committed.
    static let batchCount = 50
    static let batchBytes = 16 << 20

    /// Every new message of the Maildir, oldest name first, in batches; each moved to cur/ after
    /// its batch's commit.
    func ingest(maildir: String, _ context: CommandContext) throws -> Int32 {
        let fileManager = FileManager.default
        let new = URL(fileURLWithPath: maildir).appendingPathComponent("new")
        let cur = URL(fileURLWithPath: maildir).appendingPathComponent("cur")
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: new.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw HotlineError.invalidField(
                field: "maildir", value: maildir, problem: "its new/ folder cannot be read",
                accepted: "a Maildir: a folder with new/, cur/ and tmp/")
        }
        var counts = (stored: 0, refused: 0, deferred: 0)
        var worst = Self.stored
        func done(_ name: String, _ code: Int32) {
            switch code {
            case Self.stored:
                counts.stored += 1
                // Committed: now it may leave new/. A crash before this line leaves it there, and the
                // next run finds its Message-ID stored and moves it without a second copy.
                let info = name.contains(":2,") ? "" : ":2,"
                try? fileManager.moveItem(
                    at: new.appendingPathComponent(name), to: cur.appendingPathComponent(name + info))
            case Self.refusedForGood:
                counts.refused += 1
                worst = worst == Self.temporaryFailure ? worst : code
            default:
                counts.deferred += 1
                worst = Self.temporaryFailure
            }
        }
        var batch: [(name: String, mail: MailMessage, incoming: IncomingMessage)] = []
        var batchBytes = 0
        var unavailable: HotlineError?
        func storeBatch() {
            defer { (batch, batchBytes) = ([], 0) }
            let results: [Result<ReceivedMessage, HotlineError>]
            do {
                results = try context.hotline.receive(batch: batch.map(\.incoming))
            } catch let error as HotlineError where error.isBusyOrUnavailable {
                // Each alone, or the next batch, would wait as long again: this batch and the
                // rest stay in new/ for the next run.
                unavailable = error
                for item in batch { done(item.name, Self.temporaryFailure) }
                return
            } catch {
                // The batch failed as a whole for one message's sake (a defect): each alone,
                // so that it cannot hold the others back.
                for item in batch { done(item.name, stored(mail: item.mail, named: item.name, context)) }
                return
            }
            for (item, result) in zip(batch, results) {
                switch result {
                case .success(let received): done(item.name, stored(received, mail: item.mail, context))
                case .failure(let error): done(item.name, refused(named: item.name, error))
                }
            }
        }
        for (position, name) in names.enumerated() {
            if unavailable != nil {
                counts.deferred += names.count - position  // not read: they stay in new/ as they are
                break
            }
            guard let bytes = fileManager.contents(atPath: new.appendingPathComponent(name).path) else {
                continue  // taken by another run
            }
            do {
                let mail = try MailMessage(parsing: bytes)
                batch.append((name, mail, try mail.incoming(defaultCountry: context.hotline.rules.defaultCountry)))
                batchBytes += bytes.count
            } catch {
                done(name, refused(named: name, error))
            }
            if batch.count >= Self.batchCount || batchBytes >= Self.batchBytes { storeBatch() }
        }
        if !batch.isEmpty { storeBatch() }
        if let unavailable {
            Console.printError(
                "hotline: \(counts.deferred) messages left in new/ for the next run: \(Self.describe(unavailable))")
        }
        Console.print(
            "\(counts.stored) stored, \(counts.refused) refused, \(counts.deferred) left for later (of \(names.count))."
        )
        return worst
    }

    /// Sends the acknowledgement; its failure is said on standard error, and the message stays
    /// stored (exit 0): the mail server must not deliver it again for want of an answer.
    func acknowledge(_ received: ReceivedMessage, mail: MailMessage, _ context: CommandContext) {
        guard let settings = context.settings.mail, !settings.address.isEmpty else {
            return Console.printError("hotline: not acknowledged: mail.address is not set")
        }
        let sendmail = Sendmail(command: settings.sendmail)
        do {
            _ = try context.hotline.acknowledge(received, mail: mail, from: settings.address) { try sendmail.send($0) }
        } catch {
            Console.printError("hotline: inbox \(received.id) stored; not acknowledged: \(Self.describe(error))")
        }
    }

    /// One message per outcome, each whole, so the catalogs can word it.
    static func line(_ received: ReceivedMessage) -> Message {
        if received.duplicate { return "Already in the inbox as \(received.id) (the same Message-ID)." }
        if let inquiry = received.inquiry {
            return "Inbox \(received.id): logged as inquiry \(inquiry) on case \(received.ref ?? "?") (a known sender)."
        }
        if let ref = received.ref { return "Inbox \(received.id) stored on the thread of case \(ref)." }
        return "Inbox \(received.id) stored."
    }

    /// 65 for a message that will never be taken as it is; 75 for everything else, so that the
    /// mail server keeps the message and tries again (a busy or missing database, a defect).
    static func exitCode(for error: any Error) -> Int32 {
        (error as? HotlineError)?.isRefusal == true ? refusedForGood : temporaryFailure
    }

    static func describe(_ error: any Error) -> String {
        (error as? HotlineError)?.description ?? "\(error)"
    }
}
