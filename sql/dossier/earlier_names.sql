-- The dossier's earlier names: the names under which :state or :partner were known in an era
-- of theirs that the pair's record reaches back to (Türkiye was the Ottoman Empire until 1922,
-- Iran was Persia until 1935), since the brief calls each state by today's name. An era counts
-- where a relation event or mission event of the pair is dated in or before its last year;
-- with :to, acts dated after it are not counted.
WITH acts (occurred_on) AS (
    SELECT occurred_on FROM relation_events
    WHERE state_a = min(:state, :partner) AND state_b = max(:state, :partner)
    UNION ALL
    SELECT e.occurred_on
    FROM mission_events AS e
    JOIN missions AS m ON m.id = e.mission_id
    WHERE (m.sending_state = :state AND m.receiving_state = :partner)
       OR (m.sending_state = :partner AND m.receiving_state = :state)
)
SELECT
    s.code,
    s.name,
    e.short_name AS earlier_name,
    max(e.ended_on) AS until
FROM state_eras AS e
JOIN states AS s ON s.code = e.state
WHERE e.state IN (:state, :partner)
  AND e.ended_on IS NOT NULL
  AND e.short_name <> s.name
  AND EXISTS (
      SELECT 1 FROM acts AS a
      WHERE a.occurred_on IS NOT NULL
        AND substr(a.occurred_on, 1, 4) <= substr(e.ended_on, 1, 4)
        AND (:to IS NULL OR substr(a.occurred_on, 1, length(:to)) <= :to)
  )
GROUP BY s.code, e.short_name
ORDER BY s.code = :partner, until, e.short_name;
