-- name: visit_state_not_existing
-- description: A visit to or from a state outside the years it existed.
SELECT
    'visits' AS "table",
    CAST(v.id AS TEXT) AS row,
    'visit ' || v.id || ' on ' || v.start_date || ': ' || s.name || ' (' || s.code || ') existed '
        || coalesce(s.existed_from, '') || '–' || coalesce(s.existed_until, '') AS finding
FROM visits AS v
JOIN states AS s ON s.code IN (v.visitor_state, v.host_state)
WHERE (s.existed_from IS NOT NULL AND v.start_date < substr(s.existed_from, 1, length(v.start_date)))
   OR (s.existed_until IS NOT NULL AND substr(v.start_date, 1, length(s.existed_until)) > s.existed_until);
