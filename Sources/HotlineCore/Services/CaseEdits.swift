import Foundation
import GRDB

/// Corrections to a case as an operator enters them: `nil` leaves a field as it is.
public struct CaseEditDraft: Sendable {
    public var ref: String
    /// The person's name, spelled right.
    public var person: String?
    public var born: String?
    public var region: String?
    public var unit: String?
    /// Why: who noticed, what the family said.
    public var note: String?

    public init(
        ref: String, person: String? = nil, born: String? = nil, region: String? = nil, unit: String? = nil,
        note: String? = nil
    ) {
        self.ref = ref
        self.person = person
        self.born = born
        self.region = region
        self.unit = unit
        self.note = note
    }
}

/// One field a correction changed, old and new value.
public struct FieldChange: Encodable, Sendable, Equatable {
    public let field: String
    public let from: String?
    public let to: String?
}

/// What `editCase`, `addNote` or `editInquiry` wrote.
public struct CaseEdited: Encodable, Sendable, Equatable {
    public let ref: String
    /// The fields that changed; empty when every value was already as given (nothing written).
    public let changes: [FieldChange]
}

extension Hotline {
    /// Corrects a case's name, birth date, region or unit: each changed field is one history
    /// entry with the old and the new value, and a new name (or unit) is indexed so search
    /// finds the case by it. Every invalid field is reported at once.
    public func editCase(_ draft: CaseEditDraft, by operatorName: OperatorName) throws -> CaseEdited {
        let today = now()
        var problems = FieldProblems()
        let ref = problems.check { () throws(HotlineError) in try CaseReference(parsing: draft.ref) }
        let person = problems.check { () throws(HotlineError) in try TextRule.name("person").validate(draft.person) }
        let born = problems.check { () throws(HotlineError) in
            try draft.born.map { text throws(HotlineError) in
                try PartialDate(parsing: text, field: "born", today: today)
            }
        }
        let region = problems.check { () throws(HotlineError) in
            try draft.region.map { text throws(HotlineError) in try rules.regions.region(text) }
        }
        let unit = problems.check { () throws(HotlineError) in try TextRule.line("unit").validate(draft.unit) }
        let note = problems.check { () throws(HotlineError) in try TextRule.note("note").validate(draft.note) }
        try problems.throwIfAny()
        guard let ref, draft.person != nil || draft.born != nil || draft.region != nil || draft.unit != nil else {
            throw HotlineError.invalidField(
                field: "edit", value: draft.ref, problem: "nothing to change was given",
                accepted: "one or more of --person, --born, --region, --unit")
        }
        let at = now()
        return try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            let personCase = try PersonCaseRecord.fetch(ref: ref, in: db)
            let caseId = personCase.id!  // read from the database
            var changes: [FieldChange] = []
            if let person = person ?? nil, person != personCase.personName {
                changes.append(FieldChange(field: "person", from: personCase.personName, to: person))
                try db.cases.setPerson(person, caseId: caseId)
                try NameIndex.add(caseId: caseId, kind: .person, name: person, unit: personCase.unit, in: db)
            }
            if let born = (born ?? nil)?.description, born != personCase.born {
                changes.append(FieldChange(field: "born", from: personCase.born, to: born))
                try db.cases.setBorn(born, caseId: caseId)
            }
            if let region = (region ?? nil)?.code, region != personCase.region {
                changes.append(FieldChange(field: "region", from: personCase.region, to: region))
                try db.cases.setRegion(region, caseId: caseId)
                try db.notices.setRegion(region, caseId: caseId)
            }
            if let unit = unit ?? nil, unit != personCase.unit {
                changes.append(FieldChange(field: "unit", from: personCase.unit, to: unit))
                try db.cases.setUnit(unit, caseId: caseId)
                try NameIndex.addUnit(
                    caseId: caseId, name: (person ?? nil) ?? personCase.personName, unit: unit, in: db)
            }
            var history = HistoryWriter(caseId: caseId, at: at, by: operatorName, db: db)
            for change in changes {
                try history.append(
                    kind: "edit", field: change.field, from: change.from, to: change.to, note: note ?? nil)
            }
            if !changes.isEmpty { try db.cases.setLastActivity(at, caseId: caseId) }
            return CaseEdited(ref: personCase.ref, changes: changes)
        }
    }

    /// Adds a note to a case's history ("called the ICRC again"), its status unchanged.
    public func addNote(ref text: String, note: String, source: String? = nil, by operatorName: OperatorName) throws
        -> CaseEdited
    {
        var problems = FieldProblems()
        let ref = problems.check { () throws(HotlineError) in try CaseReference(parsing: text) }
        let note = problems.check { () throws(HotlineError) in try TextRule.note("note").validate(note) }
        let source = problems.check { () throws(HotlineError) in try TextRule.line("source").validate(source) }
        try problems.throwIfAny()
        let at = now()
        return try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            let personCase = try PersonCaseRecord.fetch(ref: ref!, in: db)  // checked above
            var history = HistoryWriter(caseId: personCase.id!, at: at, by: operatorName, db: db)
            try history.append(kind: "note", note: note, source: source ?? nil)
            try db.cases.setLastActivity(at, caseId: personCase.id!)
            return CaseEdited(ref: personCase.ref, changes: [FieldChange(field: "note", from: nil, to: note)])
        }
    }
}

/// The invalid fields of one command, gathered so the operator hears of all of them at once
/// rather than one per attempt.
struct FieldProblems {
    private(set) var errors: [HotlineError] = []

    /// The value `body` makes, or `nil` with its error kept.
    @discardableResult mutating func check<T>(_ body: () throws(HotlineError) -> T) -> T? {
        do throws(HotlineError) {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// Throws the one error, or all of them as one.
    func throwIfAny() throws(HotlineError) {
        guard let first = errors.first else { return }
        throw errors.count == 1 ? first : .invalidFields(errors)
    }
}

/// Corrections to one inquiry: `nil` or empty leaves a field as it is.
public struct InquiryEditDraft: Sendable {
    public var id: Int64
    public var relationship: String?
    /// `KIND:VALUE` contacts to add to the inquirer.
    public var addContacts: [String]
    /// `KIND:VALUE` contacts to remove from the inquirer (a wrong number).
    public var removeContacts: [String]
    public var note: String?

    public init(
        id: Int64, relationship: String? = nil, addContacts: [String] = [], removeContacts: [String] = [],
        note: String? = nil
    ) {
        self.id = id
        self.relationship = relationship
        self.addContacts = addContacts
        self.removeContacts = removeContacts
        self.note = note
    }
}

extension Hotline {
    /// Corrects an inquiry's relationship and its inquirer's contacts; each change is an entry in
    /// the history of the inquiry's case, with the old and the new value.
    public func editInquiry(_ draft: InquiryEditDraft, by operatorName: OperatorName) throws -> CaseEdited {
        var problems = FieldProblems()
        let relationship = problems.check { () throws(HotlineError) in
            try draft.relationship.map { word throws(HotlineError) in try rules.relationships.term(word) }
        }
        let parse = { (texts: [String]) -> [Contact] in
            texts.compactMap { text in
                problems.check { () throws(HotlineError) in
                    try Contact(parsing: text, defaultCountry: rules.defaultCountry)
                }
            }
        }
        let added = parse(draft.addContacts)
        let removed = parse(draft.removeContacts)
        let note = problems.check { () throws(HotlineError) in try TextRule.note("note").validate(draft.note) }
        try problems.throwIfAny()
        guard draft.relationship != nil || !added.isEmpty || !removed.isEmpty else {
            throw HotlineError.invalidField(
                field: "edit", value: String(draft.id), problem: "nothing to change was given",
                accepted: "one or more of --relationship, --contact, --remove-contact")
        }
        let at = now()
        return try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            guard let inquiry = try db.inquiries.inquiry(id: draft.id) else {
                throw HotlineError.invalidField(
                    field: "inquiry", value: String(draft.id), problem: "no inquiry has this id",
                    accepted: "an inquiry's number as `case show` lists it (#12)")
            }
            guard let stored = try db.cases.record(id: inquiry.caseId) else {
                throw HotlineError.caseNotFound("id \(inquiry.caseId)")
            }
            let personCase = try PersonCaseRecord.survivor(of: stored, in: db)
            var changes: [FieldChange] = []
            if let term = relationship ?? nil, term.name != inquiry.relationship {
                changes.append(FieldChange(field: "relationship", from: inquiry.relationship, to: term.name))
                try db.inquiries.setRelationship(term.name, inquiryId: draft.id)
            }
            for contact in removed {
                guard try db.inquiries.removeContact(contact, inquirerId: inquiry.inquirerId) else {
                    throw HotlineError.invalidField(
                        field: "remove-contact", value: "\(contact.kind.rawValue):\(contact.value)",
                        problem: "the inquirer of inquiry \(draft.id) has no such contact",
                        accepted: "one of the contacts `case show \(personCase.ref)` lists for them")
                }
                changes.append(
                    FieldChange(field: "contact", from: "\(contact.kind.rawValue) \(contact.value)", to: nil))
            }
            for contact in added where try db.inquiries.addContact(contact, inquirerId: inquiry.inquirerId) {
                changes.append(
                    FieldChange(field: "contact", from: nil, to: "\(contact.kind.rawValue) \(contact.value)"))
            }
            var history = HistoryWriter(caseId: personCase.id!, at: at, by: operatorName, db: db)
            for change in changes {
                try history.append(
                    kind: "edit", field: change.field, from: change.from, to: change.to, note: note ?? nil,
                    inquiryId: draft.id)
            }
            if !changes.isEmpty { try db.cases.setLastActivity(at, caseId: personCase.id!) }
            return CaseEdited(ref: personCase.ref, changes: changes)
        }
    }
}
