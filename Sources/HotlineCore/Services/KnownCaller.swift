import Foundation
import GRDB

/// An inquirer recognised at intake: by `--inquirer-id`, or by a contact they left before.
public struct KnownCaller: Encodable, Sendable, Equatable {
    /// The inquirer's id.
    public let inquirer: Int64
    public let name: String
    /// The contact that recognised them (`phone +79161234567`); `nil` when chosen by id.
    public let contact: String?
    /// Whether the inquiry was logged under them; `false` when a different name was given, so a
    /// new inquirer was made (a family shares one phone) and the operator is told.
    public let reused: Bool
}

extension Hotline {
    /// The inquirer an inquiry is logged under, found or made, and how the caller was known:
    /// 1. `inquirerId`: that inquirer (a name given must be theirs);
    /// 2. a contact given that belongs to an inquirer: reused when no name is given or the
    ///    name is theirs; with another name a new inquirer is made and the known one named;
    /// 3. else a new inquirer, which needs a name.
    /// Their new contacts are added to them.
    func resolveInquirer(_ input: ValidInquiry, by operatorName: OperatorName, at: Date, in db: Database) throws
        -> (id: Int64, name: String, known: KnownCaller?)
    {
        let given = input.inquirer.isEmpty ? nil : input.inquirer
        var resolved: (id: Int64, name: String, known: KnownCaller?)?
        if let id = input.inquirerId {
            guard let name = try db.inquirers.name(id: id) else {
                throw HotlineError.invalidField(
                    field: "inquirer-id", value: String(id), problem: "no inquirer has this id",
                    accepted: "the id of an inquirer (`case show` lists them with their contacts)")
            }
            if let given, !Self.sameName(given, name) {
                throw HotlineError.invalidField(
                    field: "inquirer", value: given, problem: "inquirer \(id) is \(HotlineError.quoted(name))",
                    accepted: "leave --inquirer out with --inquirer-id, or give the name as recorded")
            }
            resolved = (id, name, KnownCaller(inquirer: id, name: name, contact: nil, reused: true))
        } else if !input.contacts.isEmpty {
            var holders: [(id: Int64, name: String, contact: Contact)] = []
            for contact in input.contacts {
                for holder in try db.inquirers.inquirers(withContact: contact.value, kind: contact.kind.rawValue)
                where !holders.contains(where: { $0.id == holder.id }) {
                    holders.append((holder.id, holder.name, contact))
                }
            }
            func known(_ holder: (id: Int64, name: String, contact: Contact), reused: Bool) -> KnownCaller {
                KnownCaller(
                    inquirer: holder.id, name: holder.name,
                    contact: "\(holder.contact.kind.rawValue) \(holder.contact.value)", reused: reused)
            }
            if let given {
                if let same = holders.first(where: { Self.sameName($0.name, given) }) {
                    resolved = (same.id, same.name, known(same, reused: true))
                } else if let other = holders.first {
                    resolved = (
                        try newInquirer(given, by: operatorName, at: at, in: db), given, known(other, reused: false)
                    )
                }
            } else if holders.count == 1 {
                resolved = (holders[0].id, holders[0].name, known(holders[0], reused: true))
            } else if holders.count > 1 {
                throw HotlineError.invalidField(
                    field: "inquirer", value: "",
                    problem:
                    "these contacts belong to several inquirers: \(holders.map { "\($0.id) \($0.name)" }.joined(separator: ", "))",
                    accepted: "--inquirer-id ID for one of them, or --inquirer NAME for someone new")
            }
        }
        guard
            let resolved = try resolved
                ?? given.map({ (try newInquirer($0, by: operatorName, at: at, in: db), $0, nil) })
        else {
            throw HotlineError.invalidField(
                field: "inquirer", value: "", problem: "who is asking is not known by any contact given",
                accepted: "--inquirer NAME, or --inquirer-id ID of an inquirer who called before")
        }
        for contact in input.contacts {
            try ContactRecord(id: nil, inquirerId: resolved.id, kind: contact.kind.rawValue, value: contact.value)
                .insertIfNew(db)
        }
        return resolved
    }

    private func newInquirer(_ name: String, by operatorName: OperatorName, at: Date, in db: Database) throws -> Int64 {
        var inquirer = InquirerRecord(id: nil, name: name, createdAt: at, createdBy: operatorName.name)
        try inquirer.insertNew(db)
        return inquirer.id!  // just inserted
    }
}
