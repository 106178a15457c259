-- name: mission_before_relations
-- description: A mission opened before the two states established diplomatic relations.
SELECT
    'missions' AS "table",
    CAST(m.id AS TEXT) AS row,
    'mission ' || m.id || ' (' || m.sending_state || ' in ' || m.receiving_state || ') opened on ' || m.opened_on
        || ', before relations were established on ' || r.established_on AS finding
FROM (
    -- A mission with a history counts from its first opening as an embassy or legation
    -- (consulates and agencies often came before relations; a post's year of opening says
    -- nothing of its kind then); one without, from its opened_on.
    SELECT m.id, m.sending_state, m.receiving_state,
           coalesce((SELECT min(e.occurred_on) FROM mission_events AS e
                     WHERE e.mission_id = m.id AND e.kind IN ('embassy', 'legation')
                       AND e.event IN ('opened', 'reopened', 'raised')),
                    CASE WHEN NOT EXISTS (SELECT 1 FROM mission_events AS e WHERE e.mission_id = m.id)
                         THEN m.opened_on END) AS opened_on
    FROM missions AS m
) AS m
JOIN (
    -- Relations count from their first establishment, or from a reestablishment where the
    -- record holds no earlier one (the predecessor state's acts are another pair's).
    SELECT state_a, state_b, min(occurred_on) AS established_on
    FROM relation_events
    WHERE event IN ('establishment', 'reestablishment')
    GROUP BY state_a, state_b
) AS r
    ON r.state_a = min(m.sending_state, m.receiving_state)
   AND r.state_b = max(m.sending_state, m.receiving_state)
WHERE m.opened_on IS NOT NULL
  AND r.established_on IS NOT NULL
  AND substr(m.opened_on, 1, length(r.established_on)) < substr(r.established_on, 1, length(m.opened_on));
