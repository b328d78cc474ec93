-- hotline schema, migration 9: signing in over the network (`hotline serve`, issue 15).
-- Passwords are stored only as bcrypt hashes, session tokens only as SHA-256 hashes: a copy of
-- the file lets nobody sign in. Every sign-in, failure, lock-out and revocation is logged.

-- One password per operator, set with `hotline operator password NAME`.
CREATE TABLE operator_password (
    operator TEXT PRIMARY KEY REFERENCES operator(name),
    bcrypt TEXT NOT NULL,                  -- "$2b$COST$SALTHASH"
    set_at TEXT NOT NULL,
    set_by TEXT NOT NULL
);

-- A bearer token handed out by POST /v1/sessions. The token (256 random bits) is shown once;
-- the row keeps its SHA-256, so the token cannot be read back from the file.
CREATE TABLE api_session (
    token_sha256 TEXT PRIMARY KEY,         -- 64 lower-case hex digits
    operator TEXT NOT NULL REFERENCES operator(name),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT                        -- NULL while the token works
);
CREATE INDEX api_session_operator ON api_session(operator);

-- Sign-ins and their refusals. `operator` is the name as it was tried (canonical form), which
-- may be no operator's: an unknown name is counted and locked like a known one, so the answers
-- never tell which names exist. Append-only, like the other logs.
CREATE TABLE sign_in_event (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('password', 'signed-in', 'failed', 'locked', 'signed-out', 'revoked')),
    by TEXT                                -- who set a password or revoked tokens (an admin, or themself)
);
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
