-- name: relation_event_after_termination
-- description: A break or resumption of the relations of a pair dated after their termination, with no recognition or reestablishment in between.
-- Only acts that need relations to exist count: a recognition, an establishment or the guide's
-- other acts (an informal mission, a treaty) may come after a termination.
SELECT
    'relation_events' AS "table",
    CAST(e.id AS TEXT) AS row,
    'relation event ' || e.id || ' (' || e.event || ', ' || e.state_a || '–' || e.state_b || ', ' || e.occurred_on
        || ') comes after the termination of relations on ' || t.occurred_on
        || ' with no recognition or reestablishment in between' AS finding
FROM relation_events AS t
JOIN relation_events AS e
    ON e.state_a = t.state_a AND e.state_b = t.state_b AND e.id <> t.id
WHERE t.event = 'termination'
  AND e.event IN ('severance', 'suspension', 'interruption', 'resumption', 'termination')
  AND t.occurred_on IS NOT NULL AND e.occurred_on IS NOT NULL
  AND substr(e.occurred_on, 1, length(t.occurred_on)) > substr(t.occurred_on, 1, length(e.occurred_on))
  AND NOT EXISTS (
      SELECT 1 FROM relation_events AS r
      WHERE r.state_a = t.state_a AND r.state_b = t.state_b
        AND r.event IN ('recognition', 'reestablishment')
        AND r.occurred_on IS NOT NULL
        AND substr(r.occurred_on, 1, length(t.occurred_on)) >= substr(t.occurred_on, 1, length(r.occurred_on))
        AND substr(r.occurred_on, 1, length(e.occurred_on)) <= substr(e.occurred_on, 1, length(r.occurred_on)));
