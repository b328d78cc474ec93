-- hotline schema, migration 1: cases, inquirers, contacts, inquiries, case history.
-- A shipped migration is never edited; later changes come as new numbered files.
-- Times are UTC text 'YYYY-MM-DD HH:MM:SS.SSS' (GRDB's Date format), so they sort as text.

-- One person sought. ("case" is reserved in SQL and Swift, hence person_case.)
CREATE TABLE person_case (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,              -- 8 digits, the last a Damm check digit
    person_name TEXT NOT NULL,             -- exactly as entered
    born TEXT,                             -- 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    region TEXT NOT NULL,                  -- ISO 3166-2 code
    unit TEXT,                             -- military unit or other identifying detail
    status TEXT NOT NULL,                  -- a status of the configured lifecycle
    opened_at TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    last_activity_at TEXT NOT NULL,        -- newest inquiry, status change or edit
    last_inquiry_at TEXT NOT NULL,
    inquiry_count INTEGER NOT NULL DEFAULT 0 CHECK (inquiry_count >= 0),
    merged_into INTEGER REFERENCES person_case(id)  -- a duplicate merged into another case
);
-- "Open cases of region X, newest activity first" and the unfiltered/status lists.
CREATE INDEX person_case_region_activity ON person_case(region, last_activity_at DESC, id DESC);
CREATE INDEX person_case_status_activity ON person_case(status, last_activity_at DESC, id DESC);
CREATE INDEX person_case_activity ON person_case(last_activity_at DESC, id DESC);

-- Someone who asks: a mother, a wife, a brother.
CREATE TABLE inquirer (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

-- How to reach an inquirer back. value is normalised (E.164, lower-cased e-mail, @handle).
CREATE TABLE contact (
    id INTEGER PRIMARY KEY,
    inquirer_id INTEGER NOT NULL REFERENCES inquirer(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (inquirer_id, kind, value)
);
CREATE INDEX contact_value ON contact(value);

-- One contact event: who asked, about whom, through which channel, when, taken by whom.
CREATE TABLE inquiry (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES person_case(id),
    inquirer_id INTEGER NOT NULL REFERENCES inquirer(id),
    -- The person sought as this inquirer described them (spelling, script, details), kept
    -- even when the case holds another spelling: every way a family names him is searchable.
    person_name TEXT NOT NULL,
    born TEXT,
    region TEXT NOT NULL,
    unit TEXT,
    relationship TEXT NOT NULL,
    channel TEXT NOT NULL,
    note TEXT,
    received_at TEXT NOT NULL,
    operator TEXT NOT NULL
);
CREATE INDEX inquiry_case ON inquiry(case_id, received_at, id);
CREATE INDEX inquiry_inquirer ON inquiry(inquirer_id);

-- Every change to a case: opened, inquiry, status, edit, note. Append-only.
CREATE TABLE case_history (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES person_case(id),
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('opened', 'inquiry', 'status', 'edit', 'note', 'merged', 'distinct')),
    field TEXT,                            -- for 'edit': which field changed
    from_value TEXT,
    to_value TEXT,
    note TEXT,                             -- why
    source TEXT,                           -- where the news came from
    as_of TEXT,                            -- when the news dates from
    inquiry_id INTEGER REFERENCES inquiry(id),
    moved_from INTEGER REFERENCES person_case(id)  -- set when a merge moved the entry here
);
CREATE INDEX case_history_case ON case_history(case_id, id);
CREATE INDEX case_history_at ON case_history(at);

-- The only change allowed is a merge moving an entry to the surviving case (and saying so).
CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.operator IS NOT OLD.operator
    OR NEW.kind IS NOT OLD.kind OR NEW.field IS NOT OLD.field OR NEW.from_value IS NOT OLD.from_value
    OR NEW.to_value IS NOT OLD.to_value OR NEW.note IS NOT OLD.note OR NEW.source IS NOT OLD.source
    OR NEW.as_of IS NOT OLD.as_of OR NEW.inquiry_id IS NOT OLD.inquiry_id
    OR (OLD.moved_from IS NOT NULL AND NEW.moved_from IS NOT OLD.moved_from)
BEGIN
    SELECT RAISE(ABORT, 'case history is append-only');
END;
CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history
BEGIN
    SELECT RAISE(ABORT, 'case history is append-only');
END;
