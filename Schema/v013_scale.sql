-- hotline schema, migration 13: one audit row per export of the families' contacts
-- (`case list --with-contacts`), instead of a note in the history of every case exported (a
-- 10,000-case export wrote 10,000 notes). Who, when, the filter as typed, how many cases and
-- the file they went to. Append-only, like the other logs.
CREATE TABLE contact_export (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    filter TEXT NOT NULL,                  -- the command as typed, e.g. "case list --with-contacts --region RU-KRS"
    cases INTEGER NOT NULL CHECK (cases >= 0),
    file TEXT                              -- the file written; NULL: standard output
);
CREATE INDEX contact_export_at ON contact_export(at);
CREATE INDEX contact_export_by ON contact_export(by);
CREATE TRIGGER contact_export_no_update BEFORE UPDATE ON contact_export
BEGIN
    SELECT RAISE(ABORT, 'the export log is append-only');
END;
CREATE TRIGGER contact_export_no_delete BEFORE DELETE ON contact_export
BEGIN
    SELECT RAISE(ABORT, 'the export log is append-only');
END;
