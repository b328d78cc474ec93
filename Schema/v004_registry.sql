-- hotline schema, migration 4: the registry. What the hotline learns from the other side
-- (lists of prisoners, of the wounded, of identified remains, of those exchanged), the
-- proposals that a record and a case are one person, and the links a person confirmed.
-- Records are never deleted by ordinary commands; a record its source withdrew is marked so.

-- One list as received: a file from an originator.
CREATE TABLE registry_list (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,             -- as the coordinator names it (--list)
    kind TEXT NOT NULL,                    -- prisoners, wounded, remains, exchange, other
    received TEXT NOT NULL,                -- 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    originator TEXT,                       -- who sent it
    tellable INTEGER NOT NULL DEFAULT 0 CHECK (tellable IN (0, 1)),  -- may be told to families once confirmed
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

-- One person a list names.
CREATE TABLE registry_record (
    id INTEGER PRIMARY KEY,
    list_id INTEGER NOT NULL REFERENCES registry_list(id),
    row_key TEXT NOT NULL,                 -- 'id:' + the file's id cell, else 'content:' + who it names
    row_number INTEGER NOT NULL,           -- the row in the file last imported
    names TEXT NOT NULL,                   -- JSON array of the spellings, as written
    born TEXT,                             -- 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    unit TEXT,
    service_number TEXT,                   -- as written
    service_number_key TEXT,               -- ServiceNumber.key: script, spaces and dashes folded
    rank TEXT,
    region TEXT,                           -- ISO 3166-2 code
    says TEXT NOT NULL,                    -- a word of the configured registry vocabulary
    news_date TEXT,                        -- when the news dates from
    place TEXT,
    note TEXT,
    evidence TEXT,                         -- JSON array of {"ref", "sha256"}
    withdrawn_at TEXT,                     -- set when the source withdrew the record
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (list_id, row_key)
);
CREATE INDEX registry_record_service_number ON registry_record(service_number_key)
    WHERE service_number_key IS NOT NULL;

-- Every spelling of a record's name, folded (NameFolding.key), and its FTS5 index: words
-- and skeletons as in name_search.
CREATE TABLE registry_name (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES registry_record(id),
    name TEXT NOT NULL,
    folded TEXT NOT NULL
);
CREATE INDEX registry_name_record ON registry_name(record_id);
CREATE VIRTUAL TABLE registry_search USING fts5(words, skeletons, content = '', tokenize = 'unicode61');

-- A proposal that a record and a case are one person, and what a person decided about it.
CREATE TABLE registry_match (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES registry_record(id),
    case_id INTEGER NOT NULL REFERENCES person_case(id),
    score REAL NOT NULL,
    why TEXT NOT NULL,                     -- the evidence in one line
    evidence TEXT NOT NULL,                -- JSON array of {"kind", "agrees", "detail"}
    state TEXT NOT NULL CHECK (state IN ('proposed', 'awaiting-approval', 'confirmed', 'rejected', 'conflict')),
    conflict TEXT,                         -- why the record contradicts the case
    proposed_at TEXT NOT NULL,
    confirmed_at TEXT,
    confirmed_by TEXT,
    approved_at TEXT,                      -- the second operator's approval (deceased)
    approved_by TEXT,
    rejected_at TEXT,
    rejected_by TEXT,
    note TEXT,
    UNIQUE (record_id, case_id)            -- a pair is proposed once; a rejected pair never again
);
CREATE INDEX registry_match_case ON registry_match(case_id);
CREATE INDEX registry_match_state ON registry_match(state, score DESC);

-- Who did what to the registry: imports (file, SHA-256, counts), confirmations, rejections,
-- approvals. Append-only; `audit` lists it with the case history.
CREATE TABLE registry_event (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('import', 'confirm', 'approve', 'reject', 'withdraw')),
    subject TEXT NOT NULL,                 -- the list name, or 'match N'
    detail TEXT
);
CREATE INDEX registry_event_at ON registry_event(at);
CREATE TRIGGER registry_event_no_update BEFORE UPDATE ON registry_event
BEGIN
    SELECT RAISE(ABORT, 'the registry log is append-only');
END;
CREATE TRIGGER registry_event_no_delete BEFORE DELETE ON registry_event
BEGIN
    SELECT RAISE(ABORT, 'the registry log is append-only');
END;

-- Cases gain a service number (личный номер), as written and folded.
ALTER TABLE person_case ADD COLUMN service_number TEXT;
ALTER TABLE person_case ADD COLUMN service_number_key TEXT;
CREATE INDEX person_case_service_number ON person_case(service_number_key) WHERE service_number_key IS NOT NULL;
