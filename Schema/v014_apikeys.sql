-- hotline schema, migration 14: API keys for integrations (a web form, a messenger bot, a
-- partner system) and single-use TOTP codes (issue 15).

-- A key is shown once, when `hotline apikey add NAME --role ROLE` makes it; the row keeps its
-- SHA-256, so the key cannot be read back from the file. A key never expires by time and stops
-- working when revoked. Requests made with it act as the principal `apikey:NAME`, the name
-- history and audit record. Rows are never deleted and a name is never reused, so `apikey:NAME`
-- in a case's history always means one key. `audit` reads the creation, first use and
-- revocation from the row itself (kind 'apikey'), so there is no separate log to keep in step.
CREATE TABLE api_key (
    name TEXT PRIMARY KEY,                 -- lower-case a-z, 0-9, '-', '_', '.'; up to 40
    key_sha256 TEXT NOT NULL UNIQUE,       -- 64 lower-case hex digits of the whole key, 'hlk_' included
    role TEXT NOT NULL CHECK (role IN ('intake', 'operator', 'viewer')),
    note TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    first_used_at TEXT,
    last_used_at TEXT,                     -- updated at most once a minute, not on every request
    revoked_at TEXT,                       -- NULL while the key works
    revoked_by TEXT
) WITHOUT ROWID;

CREATE TRIGGER api_key_no_delete BEFORE DELETE ON api_key
BEGIN
    SELECT RAISE(ABORT, 'API keys are revoked, never deleted');
END;

-- A TOTP code works once: the time step of the last code accepted for the operator, written in
-- the sign-in's transaction; a code of the same or an older step is refused.
ALTER TABLE operator_totp ADD COLUMN last_step INTEGER;
