import Foundation
import GRDB

/// One inquiry as an operator enters it: raw text, validated by `Hotline.logInquiry`.
public struct InquiryDraft: Sendable {
    /// The person sought, in whatever script the family uses. Required for a new case.
    public var person: String?
    /// Their home region: code or name. Required for a new case.
    public var region: String?
    /// Date or year of birth: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var born: String?
    /// Military unit or another identifying detail.
    public var unit: String?
    /// Who is asking; empty when the caller is known by `inquirerId` or by a contact given.
    public var inquirer: String
    public var relationship: String
    public var channel: String
    /// `KIND:VALUE` contacts of the inquirer.
    public var contacts: [String]
    public var note: String?
    /// The case to log this inquiry on; `nil` opens a new case.
    public var caseRef: String?
    /// Open a new case even when one likely exists for this person (skip the duplicate check).
    public var forceNewCase: Bool
    /// The person's service number (личный номер), in any script, spaced or dashed.
    public var serviceNumber: String?
    /// What the family agreed to (issue 13): may we call back, on which channels
    /// (`phone,telegram`), may their details be shared; `yes`/`no`, `nil` when not asked.
    public var consent: ConsentDraft?
    /// An inquirer who called before, chosen explicitly (`--inquirer-id`).
    public var inquirerId: Int64? = nil

    public init(
        person: String? = nil, region: String? = nil, born: String? = nil, unit: String? = nil,
        inquirer: String, relationship: String, channel: String, contacts: [String] = [],
        note: String? = nil, caseRef: String? = nil, forceNewCase: Bool = false, serviceNumber: String? = nil
    ) {
        self.serviceNumber = serviceNumber
        self.forceNewCase = forceNewCase
        self.person = person
        self.region = region
        self.born = born
        self.unit = unit
        self.inquirer = inquirer
        self.relationship = relationship
        self.channel = channel
        self.contacts = contacts
        self.note = note
        self.caseRef = caseRef
    }
}

/// What `logInquiry` wrote.
public struct LoggedInquiry: Encodable, Sendable, Equatable {
    /// The case reference.
    public let ref: String
    /// The inquiry's id.
    public let inquiry: Int64
    /// The inquirer's id (a caller known by a contact they left before, or by `inquirerId`, is
    /// the same inquirer: `knownCaller` says so).
    public let inquirer: Int64
    /// Whether this inquiry opened the case.
    public let newCase: Bool
    /// The case's status after the inquiry.
    public let status: String
    /// The registry records that match the person sought, best first (`intake` and `logInquiry`;
    /// the bulk loader leaves it empty).
    public var registry: [RegistryHit] = []
    /// News not delivered yet to this inquirer, on any case, oldest first (`intake` and
    /// `logInquiry`; the bulk loader leaves it empty).
    public var newsWaiting: [NoticeSummary] = []

    /// The inquirer was known (by id or by a contact they left before); `nil` for a new caller.
    public var knownCaller: KnownCaller? = nil

    enum CodingKeys: String, CodingKey {
        case ref = "case"
        case inquiry, inquirer, newCase, status, registry, newsWaiting, knownCaller
    }
}

extension Hotline {
    /// The most contacts one inquiry may carry for its inquirer.
    public static let maxContactsPerInquiry = 10

    /// Logs one inquiry, on the case `draft.caseRef` or on a new case, in one transaction. A
    /// likely existing case of the same person (unless `draft.forceNewCase`) is an error
    /// (`likelyDuplicates`) here; `intake` returns it as an answer instead.
    public func logInquiry(_ draft: InquiryDraft, by operatorName: OperatorName) throws
        -> LoggedInquiry
    {
        try Self.logged(try database.run(intakeWork(draft, by: operatorName, filing: false)))
    }

    /// `logInquiry` for asynchronous callers: the transaction runs on GRDB's writer queue.
    public func logInquiry(_ draft: InquiryDraft, by operatorName: OperatorName) async throws -> LoggedInquiry {
        try Self.logged(try await database.run(intakeWork(draft, by: operatorName, filing: false)))
    }

    private static func logged(_ outcome: IntakeOutcome) throws(HotlineError) -> LoggedInquiry {
        switch outcome {
        case .logged(let logged): return logged
        case .likelyDuplicates(let candidates): throw .likelyDuplicates(candidates)
        case .filed: fatalError("intakeWork(filing: false) refuses an intake key before writing")
        }
    }

    /// Writes one validated inquiry inside the caller's transaction, the duplicate check
    /// already made: the one write path of `intake` and the bulk loader.
    func writeInquiry(_ input: ValidInquiry, by operatorName: OperatorName, at: Date, in db: Database)
        throws -> LoggedInquiry
    {
        var personCase: PersonCaseRecord
        let isNew: Bool
        if let ref = input.caseRef {
            personCase = try PersonCaseRecord.fetch(ref: ref, in: db)
            isNew = false
        } else {
            personCase = PersonCaseRecord(
                id: nil, ref: try PersonCaseRecord.unusedReference(in: db).description,
                personName: input.person!, born: input.born?.description, region: input.region!.code,
                unit: input.unit, status: rules.lifecycle.initial.name, openedAt: at,
                openedBy: operatorName.name, lastActivityAt: at, lastInquiryAt: at, inquiryCount: 1)
            try personCase.insertNew(db)
            isNew = true
        }
        let caseId = personCase.id!  // fetched or just inserted
        if let number = input.serviceNumber, try db.registry.serviceNumber(caseId: caseId) == nil {
            try db.registry.setServiceNumber(number, caseId: caseId)
            if !isNew {
                var history = HistoryWriter(caseId: caseId, at: at, by: operatorName, db: db)
                try history.append(kind: "edit", field: "service number", to: number.text)
            }
        }
        let (inquirerId, inquirerName, knownCaller) = try resolveInquirer(input, by: operatorName, at: at, in: db)

        var inquiry = InquiryRecord(
            id: nil, caseId: caseId, inquirerId: inquirerId,
            personName: input.person ?? personCase.personName,
            born: input.born?.description ?? (input.caseRef == nil ? nil : personCase.born),
            region: input.region?.code ?? personCase.region, unit: input.unit ?? personCase.unit,
            relationship: input.relationship.name, channel: input.channel.name, note: input.note,
            receivedAt: at, operator: operatorName.name)
        try inquiry.insertNew(db)

        // Every spelling of the person and every inquirer becomes findable by search.
        try NameIndex.add(caseId: caseId, kind: .person, name: inquiry.personName, unit: inquiry.unit, in: db)
        try NameIndex.add(caseId: caseId, kind: .inquirer, name: inquirerName, in: db)

        var history = HistoryWriter(caseId: caseId, at: at, by: operatorName, db: db)
        if isNew {
            try history.append(kind: "opened", to: personCase.status, inquiryId: inquiry.id)
        } else {
            // Details the case lacked and this family knows are filled in, on the record.
            if personCase.born == nil, let born = input.born {
                personCase.born = born.description
                try db.cases.setBorn(personCase.born, caseId: caseId)
                try history.append(
                    kind: "edit", field: "born", to: born.description, inquiryId: inquiry.id)
            }
            if personCase.unit == nil, let unit = input.unit {
                personCase.unit = unit
                try db.cases.setUnit(unit, caseId: caseId)
                try history.append(kind: "edit", field: "unit", to: unit, inquiryId: inquiry.id)
            }
        }
        try history.append(
            kind: "inquiry", note: "\(inquirerName) (\(input.relationship)) via \(input.channel)",
            inquiryId: inquiry.id)
        if let consent = input.consent {
            try writeConsent(consent, inquirerId: inquirerId, name: inquirerName, by: operatorName, at: at, in: db)
        }
        try noteContact(inquirerId: inquirerId, hasContacts: !input.contacts.isEmpty, on: personCase, at: at, in: db)

        if !isNew {
            personCase.inquiryCount += 1
            personCase.lastInquiryAt = at
            personCase.lastActivityAt = at
            try db.cases.setInquiries(count: personCase.inquiryCount, last: at, caseId: caseId)
        }
        var logged = LoggedInquiry(
            ref: personCase.ref, inquiry: inquiry.id!, inquirer: inquirerId, newCase: isNew,
            status: personCase.status)
        logged.knownCaller = knownCaller
        return logged
    }

    /// Names that differ only in letter case or spacing name the same inquirer.
    static func sameName(_ a: String, _ b: String) -> Bool {
        func fold(_ s: String) -> String {
            s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return fold(a) == fold(b)
    }
}

/// An inquiry draft whose every field passed its rule.
struct ValidInquiry {
    let person: String?
    let region: Region?
    let born: PartialDate?
    let unit: String?
    /// Empty when the caller is to be known by `inquirerId` or a contact (`resolveInquirer`).
    let inquirer: String
    let relationship: Term
    let channel: Term
    let contacts: [Contact]
    let note: String?
    let caseRef: CaseReference?
    let serviceNumber: ServiceNumber?
    let consent: ValidConsent?
    let inquirerId: Int64?

    /// Every field is checked before any is refused: the operator hears of all the invalid
    /// ones at once (`invalidFields`), not of one per attempt.
    init(_ draft: InquiryDraft, rules: HotlineRules, today: Date) throws(HotlineError) {
        var problems = FieldProblems()
        caseRef =
            problems.check { () throws(HotlineError) in
                try draft.caseRef.map { ref throws(HotlineError) in try CaseReference(parsing: ref) }
            } ?? nil
        if draft.caseRef == nil {
            if draft.person == nil {
                problems.check { () throws(HotlineError) in
                    throw .invalidField(
                        field: "person", value: "", problem: "a new case needs the name of the person sought",
                        accepted: "--person NAME, or --case REF to add the inquiry to an existing case")
                }
            }
            if draft.region == nil {
                problems.check { () throws(HotlineError) in
                    throw .invalidField(
                        field: "region", value: "",
                        problem: "a new case needs the home region of the person sought",
                        accepted: "--region with an ISO 3166-2 code or a region's name")
                }
            }
        }
        person = problems.check { () throws(HotlineError) in try TextRule.name("person").validate(draft.person) } ?? nil
        region =
            problems.check { () throws(HotlineError) in
                try draft.region.map { name throws(HotlineError) in try rules.regions.region(name) }
            } ?? nil
        born =
            problems.check { () throws(HotlineError) in
                try draft.born.map { text throws(HotlineError) in
                    try PartialDate(parsing: text, field: "born", today: today)
                }
            } ?? nil
        unit = problems.check { () throws(HotlineError) in try TextRule.line("unit").validate(draft.unit) } ?? nil
        serviceNumber =
            problems.check { () throws(HotlineError) in
                try draft.serviceNumber.map { text throws(HotlineError) in try ServiceNumber(parsing: text) }
            } ?? nil
        // No name: the caller must be known by --inquirer-id or a contact (`resolveInquirer`).
        let knownBy = draft.inquirerId != nil || !draft.contacts.isEmpty
        let inquirer = problems.check { () throws(HotlineError) in
            knownBy && draft.inquirer.isEmpty ? "" : try TextRule.name("inquirer").validate(draft.inquirer)
        }
        inquirerId = draft.inquirerId
        let relationship = problems.check { () throws(HotlineError) in try rules.relationships.term(draft.relationship)
        }
        let channel = problems.check { () throws(HotlineError) in try rules.channels.term(draft.channel) }
        var contacts: [Contact] = []
        if draft.contacts.count > Hotline.maxContactsPerInquiry {
            problems.check { () throws(HotlineError) in
                throw .invalidField(
                    field: "contact", value: "\(draft.contacts.count) contacts", problem: "too many contacts",
                    accepted: "at most \(Hotline.maxContactsPerInquiry) contacts per inquiry")
            }
        } else {
            for text in draft.contacts {
                let contact = problems.check { () throws(HotlineError) in
                    try Contact(parsing: text, defaultCountry: rules.defaultCountry)
                }
                if let contact, !contacts.contains(contact) { contacts.append(contact) }
            }
        }
        self.contacts = contacts
        note = problems.check { () throws(HotlineError) in try TextRule.note("note").validate(draft.note) } ?? nil
        consent =
            problems.check { () throws(HotlineError) in
                try draft.consent.flatMap { answers throws(HotlineError) in
                    try ValidConsent(answers, channels: rules.channels, required: false)
                }
            } ?? nil
        try problems.throwIfAny()
        // Every check passed: each value is there.
        self.inquirer = inquirer!
        self.relationship = relationship!
        self.channel = channel!
    }
}
