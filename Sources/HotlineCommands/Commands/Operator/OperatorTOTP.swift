import ArgumentParser
import Foundation
import HotlineCore
import HotlineServer

extension OperatorCommand {
    /// `hotline operator totp NAME [--remove]`: a second sign-in factor for `hotline serve`.
    struct TOTP: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "totp",
            abstract: "Enrol an operator for sign-in codes from an authenticator app (an admin, or themself).",
            discussion: """
                Prints the otpauth:// URI (make it a QR code: `qrencode -t ansiutf8 URI`) and the secret,
                this once; from then on POST /v1/sessions needs "totp": CODE. Enrolling again replaces the
                secret; --remove removes it (a lost phone: remove, then enrol again).
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The operator.") var name: String
        @Flag(help: "Remove the operator's second factor instead.") var remove = false

        func execute(_ context: CommandContext) throws {
            let actor = try context.operatorName()
            if remove {
                let removed = try context.hotline.removeTOTP(of: name, by: actor)
                Console.print(removed ? "Removed the sign-in codes of \(name)." : "\(name) had no sign-in codes.")
                return
            }
            let secret = try context.hotline.enrolTOTP(of: name, by: actor)
            let uri = OneTimeCodes.authenticatorURI(secret: secret, operator: name)
            let base32 = URLComponents(string: uri)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
            // One-line literals: the catalog scan reads those (a multi-line one stayed English).
            Console.print(.verbatim(uri))
            Console.print("Secret (type it into the app if it cannot scan): \(base32)")
            Console.print("Shown this once. From now on \(name) signs in to `hotline serve` with a code from the app.")
        }
    }
}
