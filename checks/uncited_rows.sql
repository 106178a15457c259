-- name: uncited_rows
-- description: A fact row that cites no source.
SELECT 'relations' AS "table", state_a || '-' || state_b AS row, 'relations ' || state_a || '-' || state_b || ' cites no source' AS finding FROM relations WHERE source_id IS NULL
UNION ALL
SELECT 'missions', CAST(id AS TEXT), 'mission ' || id || ' cites no source' FROM missions WHERE source_id IS NULL
UNION ALL
SELECT 'memberships', organization || '-' || state, 'membership of ' || state || ' in ' || organization || ' cites no source' FROM memberships WHERE source_id IS NULL
UNION ALL
SELECT 'visits', CAST(id AS TEXT), 'visit ' || id || ' cites no source' FROM visits WHERE source_id IS NULL
UNION ALL
SELECT 'agreements', CAST(id AS TEXT), 'agreement ' || id || ' cites no source' FROM agreements WHERE source_id IS NULL
UNION ALL
SELECT 'agreement_counts', CAST(id AS TEXT), 'agreement count ' || id || ' cites no source' FROM agreement_counts WHERE source_id IS NULL
UNION ALL
SELECT 'cooperation', CAST(id AS TEXT), 'cooperation ' || id || ' cites no source' FROM cooperation WHERE source_id IS NULL;
