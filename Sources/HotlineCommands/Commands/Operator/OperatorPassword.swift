import ArgumentParser
import Foundation
import HotlineCore

extension OperatorCommand {
    /// `hotline operator password NAME`: the password `hotline serve` signs them in with. Not a
    /// shell command: the shell reads its own lines from the same input.
    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "password",
            abstract: "Set an operator's password for signing in to `hotline serve` (an admin, or themself).",
            discussion: """
                On a terminal the password is asked twice without echo; otherwise it is the first line
                of standard input (`printf '%s\\n' "$PASSWORD" | hotline operator password anna`).
                12 to 72 bytes; stored as a bcrypt hash. Setting it signs the operator out everywhere.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The operator whose password this is.") var name: String

        func run() async throws {
            let context = try await CommandContext.make(options, oneShot: true)
            let password: String
            if isatty(STDIN_FILENO) == 1 {
                let first = try Self.readHidden("New password for \(name): ")
                guard try Self.readHidden("Again: ") == first else {
                    throw HotlineError.invalidField(
                        field: "password", value: "(not shown)", problem: "the two entries differ",
                        accepted: "the same password twice")
                }
                password = first
            } else {
                password = readLine(strippingNewline: true) ?? ""
            }
            try context.hotline.setPassword(of: name, to: password, by: try context.operatorName())
            Console.print("Password of \(name) set; their earlier sessions are signed out.")
        }

        /// One line from the terminal with echo off, restored however the read ends.
        static func readHidden(_ prompt: String) throws -> String {
            Console.writeError(prompt)
            var saved = termios()
            tcgetattr(STDIN_FILENO, &saved)
            var hidden = saved
            hidden.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden)
            defer {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                Console.writeError("\n")
            }
            return readLine(strippingNewline: true) ?? ""
        }
    }

    /// `hotline operator sessions NAME --revoke`: signs an operator out of every server session.
    struct Sessions: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "sessions", abstract: "Revoke an operator's `hotline serve` tokens (an admin, or themself).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The operator.") var name: String
        @Flag(help: "Revoke every live token of the operator.") var revoke = false

        func validate() throws {
            guard revoke else { throw ValidationError("say --revoke to revoke the operator's tokens") }
        }

        func execute(_ context: CommandContext) throws {
            let count = try context.hotline.revokeSessions(of: name, by: try context.operatorName())
            Console.print("Revoked \(count) token(s) of \(name)\(context.pending).")
        }
    }
}
