import GRDB

/// A state column read back (a notice's, a match's). The schema's CHECK keeps other values out,
/// so one that got in anyway (a hand edit, a damaged page) is an error, as a stored time that
/// is none is (`DatabaseTime.date`): never read as the first state, which would offer a
/// delivered notice or a decided match for action again.
enum StoredState {
    static func value<State: RawRepresentable>(_ row: Row, _ index: Int) throws -> State
    where State.RawValue == String {
        let value: DatabaseValue = row[index]
        guard case .string(let text) = value.storage, let state = State(rawValue: text) else {
            throw DatabaseError(
                resultCode: .SQLITE_MISMATCH,
                message: "column \(Array(row.columnNames)[index]) holds no \(State.self): \(value)")
        }
        return state
    }
}
