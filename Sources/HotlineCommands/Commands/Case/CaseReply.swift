import ArgumentParser
import Foundation
import HotlineCore

/// `hotline case reply REF --inquirer ID --text TEXT|--file F`: an e-mail to a family.
struct CaseReply: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply", abstract: "E-mail a reply to an inquirer of a case (through mail.sendmail).",
        discussion: """
            The subject carries the case's reference ([HL 1234-5678]) so the family's answer threads
            back onto the case; In-Reply-To names their latest message. The case's history records it.
            Needs mail.address (env HOTLINE_MAIL_ADDRESS); sent with mail.sendmail (default
            /usr/sbin/sendmail -t -i).
            Example: hotline case reply 4821-9935 --inquirer 17 --text "Мы получили ваше письмо."
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The case reference.") var ref: String
    @Option(help: "The inquirer to answer, by id (`inquiry log` prints it as inquirer).") var inquirer: Int64
    @Option(help: "The reply's text.") var text: String?
    @Option(help: "A UTF-8 text file with the reply.", completion: .file()) var file: String?

    func validate() throws {
        if (text == nil) == (file == nil) { throw ValidationError("give the reply with --text TEXT or --file FILE") }
    }

    func execute(_ context: CommandContext) throws {
        // A sent e-mail cannot be rolled back with the shell's transaction.
        guard !context.hotline.isInSessionTransaction else {
            throw HotlineError.invalidField(
                field: "case reply", value: ref, problem: "an e-mail cannot be taken back by `rollback`",
                accepted: "commit or roll back the open transaction first, then reply")
        }
        let body: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file), let read = String(data: data, encoding: .utf8)
            else {
                throw HotlineError.invalidField(
                    field: "file", value: file, problem: "it cannot be read as UTF-8 text",
                    accepted: "a readable UTF-8 text file")
            }
            body = read
        } else {
            body = text ?? ""
        }
        let settings = context.settings.mail ?? .init(address: "", sendmail: "")
        guard !settings.address.isEmpty else {
            throw HotlineError.configuration(
                "mail.address is not set: give the hotline's own address (env HOTLINE_MAIL_ADDRESS or the "
                    + "configuration file's mail.address) to send replies from")
        }
        let sendmail = Sendmail(command: settings.sendmail)
        let sent = try context.hotline.reply(
            toCase: ref, inquirer: inquirer, text: body, from: settings.address, by: try context.operatorName()
        ) { mail in try sendmail.send(mail) }
        switch context.format {
        case .json: Console.print(try Render.json(sent))
        case .table, .csv: Console.print("Reply sent to \(sent.to) on case \(sent.ref): \(sent.subject)")
        }
    }
}
