-- hotline schema, migration 15: the name index's vocabulary as a table (issue 10 item 12). A
-- left-out word's queries need the skeletons in the index near the missing one, and the registry
-- import the words; both read them through fts5vocab, which walks every posting list to count
-- them: on the seeded million cases 2.8 s for 596 skeletons, most of a region's first duplicate
-- pairs' time. name_term holds each term once; NameIndex.add keeps it in step in the same
-- transaction. A term whose names were all corrected stays (as the FTS5 index keeps every
-- spelling), so the table may hold a term no entry has: a query on it finds nothing.
CREATE TABLE name_term (
    col TEXT NOT NULL CHECK (col IN ('words', 'skeletons')),
    term TEXT NOT NULL,
    PRIMARY KEY (col, term)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE temp.name_search_vocabulary USING fts5vocab(main, name_search, col);
INSERT INTO name_term (col, term)
    SELECT col, term FROM temp.name_search_vocabulary WHERE col IN ('words', 'skeletons');
DROP TABLE temp.name_search_vocabulary;
