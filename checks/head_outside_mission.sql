-- name: head_outside_mission
-- description: A head of mission who took charge before the mission opened or after it last closed.
WITH terms AS (
    SELECT
        h.id,
        p.name,
        coalesce(h.started_on, h.arrived_on) AS began_on,
        m.id AS mission_id,
        coalesce(m.opened_on,
                 (SELECT min(e.occurred_on) FROM mission_events AS e
                  WHERE e.mission_id = m.id AND e.event = 'opened')) AS opened_on,
        m.closed_on
    FROM heads_of_mission AS h
    JOIN people AS p ON p.id = h.person_id
    JOIN missions AS m ON m.id = h.mission_id
)
SELECT
    'heads_of_mission' AS "table",
    CAST(t.id AS TEXT) AS row,
    'head of mission ' || t.id || ' (' || t.name || ') took charge on ' || t.began_on || ', '
        || CASE WHEN t.opened_on IS NOT NULL
                     AND substr(t.began_on, 1, length(t.opened_on)) < substr(t.opened_on, 1, length(t.began_on))
                THEN 'before mission ' || t.mission_id || ' opened on ' || t.opened_on
                ELSE 'after mission ' || t.mission_id || ' closed on ' || t.closed_on END AS finding
FROM terms AS t
WHERE t.began_on IS NOT NULL
  AND ((t.opened_on IS NOT NULL
        AND substr(t.began_on, 1, length(t.opened_on)) < substr(t.opened_on, 1, length(t.began_on)))
    OR (t.closed_on IS NOT NULL
        AND substr(t.began_on, 1, length(t.closed_on)) > substr(t.closed_on, 1, length(t.began_on))));
