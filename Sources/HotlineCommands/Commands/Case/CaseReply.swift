import ArgumentParser
import Foundation
import HotlineCore
import HotlineServer

/// `hotline case reply REF --inquirer ID --text TEXT|--file F`: an e-mail or a Telegram message
/// to a family.
struct CaseReply: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Reply to an inquirer of a case by e-mail (mail.sendmail) or Telegram (the bot).",
        discussion: """
            The subject carries the case's reference ([HL 1234-5678]) so the family's answer threads
            back onto the case; In-Reply-To names their latest message. The case's history records it.
            Needs mail.address (env HOTLINE_MAIL_ADDRESS); sent with mail.sendmail (default
            /usr/sbin/sendmail -t -i).
            An inquirer who wrote to the bot (their latest message on the case came by Telegram, or
            they left no e-mail address) is answered in their chat through the Bot API's sendMessage;
            that needs telegram.token (env HOTLINE_TELEGRAM_TOKEN).
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
        let mail = context.settings.mail ?? .init(address: "", sendmail: "")
        let sendmail = Sendmail(command: mail.sendmail)
        let bot =
            context.settings.telegram.map(TelegramBotAPI.init(settings:))
            ?? TelegramBotAPI(token: "", apiBase: "")
        let sent = try context.hotline.reply(
            toCase: ref, inquirer: inquirer, text: body, from: mail.address, by: try context.operatorName(),
            senders: ReplySenders(
                mail: { try sendmail.send($0) },
                telegram: { try bot.sendMessageWaiting($0) }))
        switch context.format {
        case .json: Console.print(try Render.json(sent))
        case .table, .csv:
            if let subject = sent.subject {
                Console.print("Reply sent to \(sent.to) on case \(sent.ref): \(subject)")
            } else {
                Console.print("Reply sent to \(sent.to) on case \(sent.ref)")
            }
        }
    }
}
