-- name: uncited_rows
-- description: A fact row that cites no source.
-- Relations are the events of relation_events (the relations view shows one pair per row).
SELECT 'relation_events' AS "table", CAST(id AS TEXT) AS row, 'relation event ' || id || ' (' || event || ' ' || state_a || '-' || state_b || ') cites no source' AS finding FROM relation_events WHERE source_id IS NULL
UNION ALL
SELECT 'missions', CAST(id AS TEXT), 'mission ' || id || ' cites no source' FROM missions WHERE source_id IS NULL
UNION ALL
SELECT 'mission_events', CAST(id AS TEXT), 'mission event ' || id || ' cites no source' FROM mission_events WHERE source_id IS NULL
UNION ALL
SELECT 'heads_of_mission', CAST(id AS TEXT), 'head of mission ' || id || ' cites no source' FROM heads_of_mission WHERE source_id IS NULL
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
