-- hotline schema, migration 3: finding the person. Every name a case is known by (the person
-- sought as each family spelled them, and the inquirers) is kept as entered in name_entry and
-- indexed folded: words in Latin letters and their skeletons (see NameFolding.swift), in a
-- contentless FTS5 table. The service layer writes both in the same transaction as the name.

CREATE TABLE name_entry (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES person_case(id),
    kind TEXT NOT NULL CHECK (kind IN ('person', 'inquirer')),
    name TEXT NOT NULL,
    folded TEXT NOT NULL                   -- NameFolding.key(name)
);
CREATE INDEX name_entry_case ON name_entry(case_id);

-- words: folded words (every reading); skeletons: their skeletons; details: unit words.
CREATE VIRTUAL TABLE name_search USING fts5(
    words, skeletons, details, content = '', tokenize = 'unicode61'
);

-- Two cases an operator decided are different people: never proposed as duplicates again.
CREATE TABLE distinct_pair (
    case_a INTEGER NOT NULL REFERENCES person_case(id),
    case_b INTEGER NOT NULL REFERENCES person_case(id),
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    PRIMARY KEY (case_a, case_b),
    CHECK (case_a < case_b)
);

CREATE INDEX person_case_merged_into ON person_case(merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX person_case_unit ON person_case(unit) WHERE unit IS NOT NULL;
