-- name: mission_event_before_opening
-- description: A mission event (raised, moved, closed...) dated before the mission first opened.
WITH openings AS (
    SELECT
        m.id,
        coalesce((SELECT min(e.occurred_on) FROM mission_events AS e
                  WHERE e.mission_id = m.id AND e.event = 'opened'),
                 m.opened_on) AS opened_on
    FROM missions AS m
)
SELECT
    'mission_events' AS "table",
    CAST(e.id AS TEXT) AS row,
    'mission event ' || e.id || ' (' || e.event || ' on ' || e.occurred_on || ') comes before mission '
        || o.id || ' opened on ' || o.opened_on AS finding
FROM mission_events AS e
JOIN openings AS o ON o.id = e.mission_id
WHERE e.event <> 'opened'
  AND o.opened_on IS NOT NULL
  AND substr(e.occurred_on, 1, length(o.opened_on)) < substr(o.opened_on, 1, length(e.occurred_on));
