-- hotline schema, migration 8: an operator's shift. A case moved to deceased by hand waits for a
-- second, different operator, as a registry record saying deceased does (v004's registry_match):
-- the request is kept here until another operator approves it (the status change is then
-- written through the ordinary path, with its history entry) or rejects it.

CREATE TABLE status_request (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES person_case(id),
    status TEXT NOT NULL,                  -- the status asked for (deceased)
    note TEXT,
    source TEXT NOT NULL,                  -- where the news came from: required
    as_of TEXT,
    requested_at TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'approved', 'rejected')),
    decided_at TEXT,
    decided_by TEXT,
    decision_note TEXT
);
-- A case has at most one request waiting.
CREATE UNIQUE INDEX status_request_waiting ON status_request(case_id) WHERE state = 'waiting';
