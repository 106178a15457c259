-- name: fact_state_not_existing
-- description: A relation event, a mission, a membership or an agreement party dated outside the years its state existed (visits: visit_state_not_existing).
WITH facts ("table", row, what, on_date, state) AS (
    SELECT 'relation_events', CAST(id AS TEXT), 'relation event ' || id, occurred_on, state_a FROM relation_events
    UNION ALL
    SELECT 'relation_events', CAST(id AS TEXT), 'relation event ' || id, occurred_on, state_b FROM relation_events
    UNION ALL
    SELECT 'missions', CAST(id AS TEXT), 'mission ' || id || ' opened', opened_on, sending_state FROM missions
    UNION ALL
    SELECT 'missions', CAST(id AS TEXT), 'mission ' || id || ' opened', opened_on, receiving_state FROM missions
    UNION ALL
    SELECT 'memberships', organization || '/' || state, 'membership of ' || organization || ' joined', joined_on, state FROM memberships
    UNION ALL
    SELECT 'agreement_parties', CAST(p.agreement_id AS TEXT) || '/' || p.state, 'agreement ' || p.agreement_id || ' signed', a.signed_on, p.state
    FROM agreement_parties AS p JOIN agreements AS a ON a.id = p.agreement_id
)
SELECT
    f."table",
    f.row,
    f.what || ' on ' || f.on_date || ': ' || s.name || ' (' || s.code || ') existed '
        || coalesce(s.existed_from, '') || '–' || coalesce(s.existed_until, '') AS finding
FROM facts AS f
JOIN states AS s ON s.code = f.state
WHERE f.on_date IS NOT NULL
  AND ((s.existed_from IS NOT NULL AND f.on_date < substr(s.existed_from, 1, length(f.on_date)))
    OR (s.existed_until IS NOT NULL AND substr(f.on_date, 1, length(s.existed_until)) > s.existed_until));
