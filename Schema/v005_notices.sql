-- hotline schema, migration 5: telling the families (issue 13). Notices of news to deliver to
-- each inquirer of a case, the attempts to deliver them, what each family agreed to (consent),
-- when we last spoke with them (call-backs), who owns a case, and which operators may deliver
-- news of a death.

-- One piece of news to tell one inquirer: made in the transaction of the status change that is
-- news (or of an inquiry on a case that has news). Until delivered, a later status change that
-- is news updates it (the family hears the latest; notice_event keeps what it said before).
CREATE TABLE notice (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES person_case(id),
    inquirer_id INTEGER NOT NULL REFERENCES inquirer(id),
    -- The case's region, copied so that a region's list is one range of an index; a change of
    -- the case's region (or a merge) updates it.
    region TEXT NOT NULL,
    status TEXT NOT NULL,                  -- the news: the status the case reached
    source TEXT,                           -- where the news came from
    as_of TEXT,                            -- when the news dates from
    news_at TEXT NOT NULL,                 -- when the case reached the status
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'unreachable')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    retry_after TEXT,                      -- not to be tried again before
    delivered_at TEXT,
    delivered_by TEXT,
    delivered_channel TEXT,
    created_at TEXT NOT NULL
);
-- At most one notice a family has not been given yet per case.
CREATE UNIQUE INDEX notice_undelivered_case_inquirer ON notice(case_id, inquirer_id) WHERE state <> 'delivered';
CREATE INDEX notice_case ON notice(case_id, id);
-- The lists coordinators work from: undelivered news, oldest first, by region or over all.
CREATE INDEX notice_undelivered_region ON notice(region, news_at, id) WHERE state <> 'delivered';
CREATE INDEX notice_undelivered ON notice(news_at, id) WHERE state <> 'delivered';
CREATE INDEX notice_inquirer ON notice(inquirer_id, id);
CREATE INDEX notice_delivered_at ON notice(delivered_at) WHERE state = 'delivered';

-- Each attempt to deliver a notice, each delivery, and each change of its news. Append-only.
CREATE TABLE notice_event (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notice(id),
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('attempt', 'delivered', 'updated')),
    channel TEXT,
    result TEXT,                           -- no-answer, busy, wrong-number, refused, left-message, delivered
    note TEXT                              -- what was said, to whom; for 'updated', the news before
);
CREATE INDEX notice_event_notice ON notice_event(notice_id, id);
CREATE TRIGGER notice_event_no_update BEFORE UPDATE ON notice_event
BEGIN
    SELECT RAISE(ABORT, 'the notice log is append-only');
END;
CREATE TRIGGER notice_event_no_delete BEFORE DELETE ON notice_event
BEGIN
    SELECT RAISE(ABORT, 'the notice log is append-only');
END;

-- What a family agreed to, NULL until asked: may we call back, on which channels (a JSON array
-- of channel names), may their details be shared with partner organisations; when and by whom
-- it was recorded. And when we last spoke with them (an inquiry or a delivered notice), from
-- which the call-back schedule runs.
ALTER TABLE inquirer ADD COLUMN consent_callback INTEGER CHECK (consent_callback IN (0, 1));
ALTER TABLE inquirer ADD COLUMN consent_channels TEXT;
ALTER TABLE inquirer ADD COLUMN consent_share INTEGER CHECK (consent_share IN (0, 1));
ALTER TABLE inquirer ADD COLUMN consent_at TEXT;
ALTER TABLE inquirer ADD COLUMN consent_by TEXT;
ALTER TABLE inquirer ADD COLUMN last_contact_at TEXT;
UPDATE inquirer SET last_contact_at = coalesce(
    (SELECT max(received_at) FROM inquiry WHERE inquiry.inquirer_id = inquirer.id), created_at);
CREATE INDEX inquirer_last_contact ON inquirer(last_contact_at, id);

-- Who works a case, so a coordinator can share the work (`case assign`, `--mine`).
CREATE TABLE case_owner (
    case_id INTEGER PRIMARY KEY REFERENCES person_case(id),
    operator TEXT NOT NULL,
    assigned_at TEXT NOT NULL,
    assigned_by TEXT NOT NULL
);
CREATE INDEX case_owner_operator ON case_owner(operator, case_id);

-- Operators marked to deliver news of a death (`operator set NAME --death-notices yes`).
ALTER TABLE operator ADD COLUMN death_notices INTEGER NOT NULL DEFAULT 0 CHECK (death_notices IN (0, 1));

-- The operator log learns the new changes (`operator set`): SQLite cannot change a CHECK, so the
-- table is made again with the wider one, its rows copied, its index and triggers recreated.
CREATE TABLE operator_event_v5 (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    subject TEXT NOT NULL REFERENCES operator(name),
    action TEXT NOT NULL CHECK (action IN ('added', 'disabled', 'enabled', 'role', 'display', 'death-notices')),
    from_value TEXT,
    to_value TEXT
);
INSERT INTO operator_event_v5 (id, at, by, subject, action, from_value, to_value)
    SELECT id, at, by, subject, action, from_value, to_value FROM operator_event;
DROP TABLE operator_event;
ALTER TABLE operator_event_v5 RENAME TO operator_event;
CREATE INDEX operator_event_at ON operator_event(at);
CREATE TRIGGER operator_event_no_update BEFORE UPDATE ON operator_event
BEGIN
    SELECT RAISE(ABORT, 'the operator log is append-only');
END;
CREATE TRIGGER operator_event_no_delete BEFORE DELETE ON operator_event
BEGIN
    SELECT RAISE(ABORT, 'the operator log is append-only');
END;
