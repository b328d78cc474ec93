-- hotline schema, migration 2: operators and their roles, and a log of operator management.
-- While the operator table is empty the database is in set-up mode and anyone may act; the
-- first operator added is an admin, and from then on every command is checked against it.

CREATE TABLE operator (
    name TEXT PRIMARY KEY,                 -- what --as / HOTLINE_OPERATOR / the login name give
    display_name TEXT,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    disabled_at TEXT,                      -- NULL while the operator may act
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

-- Who added, disabled or changed the role of whom, and when. Append-only.
CREATE TABLE operator_event (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    subject TEXT NOT NULL REFERENCES operator(name),
    action TEXT NOT NULL CHECK (action IN ('added', 'disabled', 'enabled', 'role')),
    from_value TEXT,
    to_value TEXT
);
CREATE INDEX operator_event_at ON operator_event(at);

CREATE TRIGGER operator_event_no_update BEFORE UPDATE ON operator_event
BEGIN
    SELECT RAISE(ABORT, 'the operator log is append-only');
END;
CREATE TRIGGER operator_event_no_delete BEFORE DELETE ON operator_event
BEGIN
    SELECT RAISE(ABORT, 'the operator log is append-only');
END;

-- The audit listing reads history across all cases by operator and time.
CREATE INDEX case_history_operator_at ON case_history(operator, at);
