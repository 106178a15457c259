-- name: mission_before_relations
-- description: A mission opened before the two states established diplomatic relations.
SELECT
    'missions' AS "table",
    CAST(m.id AS TEXT) AS row,
    'mission ' || m.id || ' (' || m.sending_state || ' in ' || m.receiving_state || ') opened on ' || m.opened_on
        || ', before relations were established on ' || r.established_on AS finding
FROM missions AS m
JOIN relations AS r
    ON r.state_a = min(m.sending_state, m.receiving_state)
   AND r.state_b = max(m.sending_state, m.receiving_state)
WHERE m.opened_on IS NOT NULL
  AND r.established_on IS NOT NULL
  AND substr(m.opened_on, 1, length(r.established_on)) < substr(r.established_on, 1, length(m.opened_on));
