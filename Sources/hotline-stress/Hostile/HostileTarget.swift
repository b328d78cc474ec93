extension HostileMode {
    /// Where a hostile value goes. Each target is one field of one command; the other fields
    /// get ordinary values, so a refusal can only be about the hostile one.
    enum Target: String, CaseIterable, Sendable {
        case logPerson = "inquiry log --person"
        case logRegion = "inquiry log --region"
        case logBorn = "inquiry log --born"
        case logUnit = "inquiry log --unit"
        case logInquirer = "inquiry log --inquirer"
        case logRelationship = "inquiry log --relationship"
        case logChannel = "inquiry log --channel"
        case logContact = "inquiry log --contact"
        case logNote = "inquiry log --note"
        case logCase = "inquiry log --case"
        case logActingOperator = "inquiry log --as"
        case statusRef = "case status REF"
        case statusStatus = "case status STATUS"
        case statusNote = "case status --note"
        case statusSource = "case status --source"
        case statusAsOf = "case status --as-of"
        case listRegion = "case list --region"
        case listStatus = "case list --status"
        case showRef = "case show REF"
        case operatorName = "operator add NAME"
        case operatorDisplay = "operator add --display"
        case auditSince = "audit --since"
        case auditUntil = "audit --until"
        case auditOperator = "audit --operator"
        // Telling the families (issue 13): the notice and inquirer commands, on a notice made
        // at set-up (a case at `located` whose inquirer left a phone).
        case noticeListRegion = "notice list --region"
        case noticeListStatus = "notice list --status"
        case noticeShowId = "notice show ID"
        case noticeAttemptChannel = "notice attempt --channel"
        case noticeAttemptResult = "notice attempt --result"
        case noticeAttemptRetry = "notice attempt --retry-after"
        case inquirerShowId = "inquirer show ID"
        case consentChannels = "inquirer consent --channels-allowed"
        case consentCallback = "inquirer consent --callback"
        // The same attacks through `hotline shell`'s standard input: its own word splitting,
        // and the only way in for NUL bytes and 1 MB values.
        case shellPerson = "shell: inquiry log --person"
        case shellNote = "shell: inquiry log --note"

        typealias Group = HostileValue.Group

        /// The corpus groups fed to this target: the universal values always.
        var groups: Set<Group> {
            switch self {
            // Every control character goes to the names and notes; the other free-text fields
            // meet control characters through the universal values (tab, newline, escape, NEL).
            case .logPerson, .logInquirer, .logNote, .statusNote, .operatorName, .shellPerson, .shellNote:
                return [.universal, .control]
            case .logUnit, .logActingOperator, .statusSource, .operatorDisplay, .auditOperator, .noticeShowId,
                .noticeAttemptResult, .noticeAttemptRetry, .inquirerShowId, .consentCallback:
                return [.universal]
            case .logRegion, .listRegion, .noticeListRegion: return [.universal, .region]
            case .logBorn, .statusAsOf, .auditSince, .auditUntil: return [.universal, .date]
            case .logRelationship, .logChannel, .noticeAttemptChannel, .consentChannels:
                return [.universal, .vocabulary]
            case .logContact: return [.universal, .contact]
            case .logCase, .statusRef, .showRef: return [.universal, .reference]
            case .statusStatus, .listStatus, .noticeListStatus: return [.universal, .status]
            }
        }

        var viaShell: Bool { rawValue.hasPrefix("shell:") }
    }
}
