import ArgumentParser

/// `hotline case …`
struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Work with cases: the persons sought.",
        subcommands: [
            CaseStatusCommand.self, CaseList.self, CaseShow.self, CaseMerge.self, CaseDuplicates.self,
            CaseDistinct.self, CaseAssign.self, CaseNote.self, CaseEdit.self, CaseApprove.self, CaseReject.self,
            CaseReply.self,
        ])
}
