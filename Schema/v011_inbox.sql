-- hotline schema, migration 11: the inbox (issue 16). Messages families write by e-mail or
-- Telegram, kept as received until an operator turns each into an inquiry, attaches it to a
-- case or discards it; their attachments; what happened to each; and the mail hotline sent,
-- so that a reply to it threads onto its case.
--
-- Attachments live inside the database, not in files beside it: a message and its photos are
-- committed in one transaction (a killed ingest leaves neither, and no orphaned file), backups
-- and `db restore` carry them, and they have the database file's mode 0600 without a second
-- place to guard.

CREATE TABLE inbox_message (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'telegram')),
    -- The channel's own identity of the message: the Message-ID (or, lacking one, the SHA-256
    -- of the message) for e-mail, the update_id for Telegram. A second delivery is the same row.
    external_id TEXT NOT NULL,
    sender_name TEXT,
    sender_contact TEXT NOT NULL,          -- KIND:VALUE, normalised as contacts are
    subject TEXT,
    body TEXT NOT NULL,                    -- the text; HTML-only mail reduced to text
    received_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('new', 'converted', 'attached', 'discarded')),
    -- The case it became (converted, attached), or threads onto while still new.
    case_id INTEGER REFERENCES person_case(id),
    inquiry_id INTEGER REFERENCES inquiry(id),
    discard_reason TEXT CHECK (discard_reason IN ('spam', 'duplicate', 'other')),
    UNIQUE (channel, external_id),
    CHECK ((state = 'discarded') = (discard_reason IS NOT NULL)),
    CHECK (state <> 'converted' OR inquiry_id IS NOT NULL),
    CHECK (state NOT IN ('converted', 'attached') OR case_id IS NOT NULL)
);
CREATE INDEX inbox_message_state ON inbox_message(state, id);
CREATE INDEX inbox_message_case ON inbox_message(case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX inbox_message_sender ON inbox_message(sender_contact, received_at);

-- Attachment contents, stored once per content (a photo sent twice is one row).
CREATE TABLE inbox_blob (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size INTEGER NOT NULL CHECK (size >= 0),
    content BLOB NOT NULL,
    CHECK (length(content) = size)
) WITHOUT ROWID;

CREATE TABLE inbox_attachment (
    message_id INTEGER NOT NULL REFERENCES inbox_message(id),
    position INTEGER NOT NULL,
    name TEXT,
    type TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES inbox_blob(sha256),
    PRIMARY KEY (message_id, position)
) WITHOUT ROWID;

-- What happened to each message, who did it and when. Append-only; `audit` reads it.
CREATE TABLE inbox_event (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES inbox_message(id),
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('received', 'converted', 'attached', 'discarded', 'acknowledged')),
    case_id INTEGER REFERENCES person_case(id),
    note TEXT
);
CREATE INDEX inbox_event_message ON inbox_event(message_id, id);
CREATE INDEX inbox_event_at ON inbox_event(at);
CREATE TRIGGER inbox_event_no_update BEFORE UPDATE ON inbox_event
BEGIN
    SELECT RAISE(ABORT, 'the inbox log is append-only');
END;
CREATE TRIGGER inbox_event_no_delete BEFORE DELETE ON inbox_event
BEGIN
    SELECT RAISE(ABORT, 'the inbox log is append-only');
END;

-- Mail hotline sent (replies, acknowledgements): a message whose In-Reply-To or References
-- names one of these threads onto its case.
CREATE TABLE mail_sent (
    message_id TEXT PRIMARY KEY,
    case_id INTEGER REFERENCES person_case(id),
    inquirer_id INTEGER REFERENCES inquirer(id),
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    auto INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1))  -- an RFC 3834 acknowledgement
) WITHOUT ROWID;
CREATE INDEX mail_sent_auto_to ON mail_sent(to_address, at) WHERE auto = 1;
