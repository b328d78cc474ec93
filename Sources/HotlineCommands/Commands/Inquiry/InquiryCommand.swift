import ArgumentParser

/// `hotline inquiry …`
struct InquiryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inquiry", abstract: "Log the inquiries families make.",
        subcommands: [InquiryLog.self, InquiryEdit.self])
}
