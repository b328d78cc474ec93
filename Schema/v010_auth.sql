-- hotline schema, migration 10: what the server's authentication and HTTP semantics add to
-- migration 9 (issue 15).

-- `Idempotency-Key` on `POST /v1/inquiries`: a phone on a bad network retries, and the retry
-- must answer what the first request answered and create nothing. The key is written in the
-- same transaction as the inquiry, so an inquiry is committed exactly when its key is: a
-- server killed between the commit and the answer still answers the retry with the first
-- answer. Keys are per operator (two clients may pick the same key) and forgotten after a day
-- (configurable); `request_sha256` tells a retry from a different request under a reused key.
CREATE TABLE idempotency_key (
    operator TEXT NOT NULL,
    key TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,          -- 64 lower-case hex digits of the request's body
    status INTEGER NOT NULL,               -- the HTTP status answered
    response BLOB NOT NULL,                -- the body answered, byte for byte
    created_at TEXT NOT NULL,
    PRIMARY KEY (operator, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_key_created_at ON idempotency_key(created_at);

-- A second factor for signing in (`hotline operator totp NAME`): RFC 6238 codes from an
-- authenticator app. The server must compute the codes, so the secret is stored as it is, not
-- hashed; it is worth nothing without the operator's password.
CREATE TABLE operator_totp (
    operator TEXT PRIMARY KEY REFERENCES operator(name),
    secret TEXT NOT NULL,                  -- 32 characters of the base32 alphabet (160 bits)
    set_at TEXT NOT NULL,
    set_by TEXT NOT NULL
);

-- The sign-in log learns the enrolments ('totp', 'totp-removed'). SQLite cannot change a CHECK
-- in place: the table is copied into one with the wider CHECK, rows and ids unchanged.
DROP TRIGGER sign_in_event_no_update;
DROP TRIGGER sign_in_event_no_delete;
CREATE TABLE sign_in_event_v10 (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN (
        'password', 'signed-in', 'failed', 'locked', 'signed-out', 'revoked', 'totp', 'totp-removed')),
    by TEXT
);
INSERT INTO sign_in_event_v10 (id, at, operator, action, by) SELECT id, at, operator, action, by FROM sign_in_event;
DROP TABLE sign_in_event;
ALTER TABLE sign_in_event_v10 RENAME TO sign_in_event;
CREATE INDEX sign_in_event_operator_at ON sign_in_event(operator, at);
CREATE INDEX sign_in_event_at ON sign_in_event(at);
CREATE TRIGGER sign_in_event_no_update BEFORE UPDATE ON sign_in_event
BEGIN
    SELECT RAISE(ABORT, 'the sign-in log is append-only');
END;
CREATE TRIGGER sign_in_event_no_delete BEFORE DELETE ON sign_in_event
BEGIN
    SELECT RAISE(ABORT, 'the sign-in log is append-only');
END;
