-- hotline schema, migration 12: more specific name-index terms (issues 10 and 12). The seeded
-- million cases hold only 596 distinct skeletons, and a common one is in 290,000 index entries,
-- so a whole-name query read posting lists of 100,000-290,000 entries (~9 ms each). name_pairs
-- holds, for every name_entry (rowid = name_entry.id), a term for each pair of the name's
-- skeletons (`alksndr_smrnf`, the two sorted): a name holds every skeleton of a query exactly
-- when it holds a set of pair terms that covers them, and a pair's posting list is a small part
-- of either skeleton's. Filled by this migration's Swift step (NameIndex.rebuildPairs) and kept
-- in step by NameIndex.add. Positions are never asked for, hence detail=none.
CREATE VIRTUAL TABLE name_pairs USING fts5(
    pairs, content = '', detail = none, tokenize = "ascii tokenchars '_'"
);
