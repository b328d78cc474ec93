-- hotline schema, migration 7: finding the person, the harder cases (issue 14). The tables do
-- not change; the name index is rebuilt by this migration's Swift step (Persistence/Migrations.swift)
-- because its folding did: decomposed letters (Z + U+030C, a decomposed й) fold as their
-- precomposed forms, and every word's initial is indexed as a token of its own (`1i` for Иван,
-- Ivan, Іван) so that `Петров И.С.` finds Петров Иван Сергеевич.
SELECT 1;
