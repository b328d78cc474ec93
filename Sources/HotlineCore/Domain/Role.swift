/// What an operator may do. Each role can do everything the ones before it can.
public enum Role: String, CaseIterable, Comparable, Sendable, Codable {
    /// Reads: lists, shows, searches, audit.
    case viewer
    /// Also logs inquiries and changes cases.
    case `operator`
    /// Also manages operators and the database.
    case admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a role name; throws listing the roles.
    public init(parsing text: String) throws(HotlineError) {
        guard let role = Role(rawValue: text.lowercased()) else {
            throw .invalidField(
                field: "role", value: text, problem: "there is no such role",
                accepted: .verbatim(Role.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        self = role
    }

    /// What the role is needed for, in refusals.
    var needed: String {
        switch self {
        case .viewer: return "read cases"
        case .operator: return "log inquiries and change cases"
        case .admin: return "manage operators and the database"
        }
    }
}
