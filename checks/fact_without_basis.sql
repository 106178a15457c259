-- name: fact_without_basis
-- description: A fact row or a link between facts (party, sector, counted sphere) that does not say how it is known (basis is NULL: neither stated by its source nor inferred).
SELECT 'relation_events' AS "table", CAST(id AS TEXT) AS row, 'relation event ' || id || ' (' || state_a || '-' || state_b || ' ' || event || ') has no basis' AS finding FROM relation_events WHERE basis IS NULL
UNION ALL
SELECT 'missions', CAST(id AS TEXT), 'mission ' || id || ' has no basis' FROM missions WHERE basis IS NULL
UNION ALL
SELECT 'mission_events', CAST(id AS TEXT), 'mission event ' || id || ' has no basis' FROM mission_events WHERE basis IS NULL
UNION ALL
SELECT 'heads_of_mission', CAST(id AS TEXT), 'head of mission ' || id || ' has no basis' FROM heads_of_mission WHERE basis IS NULL
UNION ALL
SELECT 'memberships', organization || '-' || state, 'membership of ' || state || ' in ' || organization || ' has no basis' FROM memberships WHERE basis IS NULL
UNION ALL
SELECT 'visits', CAST(id AS TEXT), 'visit ' || id || ' has no basis' FROM visits WHERE basis IS NULL
UNION ALL
SELECT 'agreements', CAST(id AS TEXT), 'agreement ' || id || ' has no basis' FROM agreements WHERE basis IS NULL
UNION ALL
SELECT 'agreement_parties', agreement_id || '-' || state, 'party ' || state || ' of agreement ' || agreement_id || ' has no basis' FROM agreement_parties WHERE basis IS NULL
UNION ALL
SELECT 'agreement_sectors', agreement_id || '-' || sector, 'sector ' || sector || ' of agreement ' || agreement_id || ' has no basis' FROM agreement_sectors WHERE basis IS NULL
UNION ALL
SELECT 'agreement_counts', CAST(id AS TEXT), 'agreement count ' || id || ' has no basis' FROM agreement_counts WHERE basis IS NULL
UNION ALL
SELECT 'agreement_count_sectors', agreement_count_id || '-' || sector, 'sphere ' || sector || ' of agreement count ' || agreement_count_id || ' has no basis' FROM agreement_count_sectors WHERE basis IS NULL
UNION ALL
SELECT 'cooperation', CAST(id AS TEXT), 'cooperation ' || id || ' has no basis' FROM cooperation WHERE basis IS NULL
UNION ALL
SELECT 'state_successions', predecessor || '-' || successor, 'succession of ' || successor || ' to ' || predecessor || ' has no basis' FROM state_successions WHERE basis IS NULL
UNION ALL
SELECT 'state_parts', state || '-' || part_of || '-' || part_from, 'part ' || state || ' of ' || part_of || ' from ' || part_from || ' has no basis' FROM state_parts WHERE basis IS NULL
UNION ALL
SELECT 'state_numbers', system || ':' || number || '-' || number_from, system || ' number ' || number || ' of ' || state || ' from ' || number_from || ' has no basis' FROM state_numbers WHERE basis IS NULL;
