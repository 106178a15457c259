-- name: resumption_without_break
-- description: Relations resumed with no earlier severance, suspension or interruption of the pair to resume from.
SELECT
    'relation_events' AS "table",
    CAST(r.id AS TEXT) AS row,
    'relation event ' || r.id || ' resumes relations of ' || r.state_a || '–' || r.state_b
        || coalesce(' on ' || r.occurred_on, '') || ', but no severance, suspension or interruption comes before it' AS finding
FROM relation_events AS r
WHERE r.event = 'resumption'
  AND NOT EXISTS (
      SELECT 1 FROM relation_events AS b
      WHERE b.state_a = r.state_a AND b.state_b = r.state_b
        AND b.event IN ('severance', 'suspension', 'interruption')
        AND (r.occurred_on IS NULL OR b.occurred_on IS NULL
             OR substr(b.occurred_on, 1, length(r.occurred_on)) <= substr(r.occurred_on, 1, length(b.occurred_on))));
