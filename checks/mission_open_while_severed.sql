-- name: mission_open_while_severed
-- description: A diplomatic mission (embassy, legation, liaison office …) left open while relations between its two states were severed or suspended, with no protecting power and not as an interests section.
-- Consular posts are not held to it: the severance of diplomatic relations does not of itself
-- end consular relations (Vienna Convention on Consular Relations, 1963, article 2(3)), and
-- consulates often stayed open through a break.
WITH breaks AS (
    SELECT
        b.state_a,
        b.state_b,
        b.event,
        b.occurred_on AS broken_on,
        (SELECT min(r.occurred_on) FROM relation_events AS r
         WHERE r.state_a = b.state_a AND r.state_b = b.state_b
           AND r.event IN ('establishment', 'reestablishment', 'resumption')
           AND substr(r.occurred_on, 1, length(b.occurred_on)) > substr(b.occurred_on, 1, length(r.occurred_on))) AS restored_on
    FROM relation_events AS b
    WHERE b.event IN ('severance', 'suspension') AND b.occurred_on IS NOT NULL
),
-- Each mission of a broken pair, and whether it was open the day relations broke: by its
-- last event on or before that day, or by its own dates where it has no events.
at_break AS (
    SELECT
        k.*,
        m.id AS mission_id,
        m.kind,
        m.sending_state,
        m.receiving_state,
        m.closed_on,
        coalesce(
            (SELECT e.event NOT IN ('closed', 'suspended', 'protecting_power')
                    AND coalesce(e.kind, m.kind) <> 'interests_section'
             FROM mission_events AS e
             WHERE e.mission_id = m.id
               AND substr(e.occurred_on, 1, length(k.broken_on)) <= k.broken_on
             ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1),
            m.kind <> 'interests_section'
                AND m.opened_on IS NOT NULL
                AND substr(m.opened_on, 1, length(k.broken_on)) <= k.broken_on
                AND (m.closed_on IS NULL OR m.closed_on >= substr(k.broken_on, 1, length(m.closed_on)))
        ) AS was_open
    FROM breaks AS k
    JOIN missions AS m
        ON min(m.sending_state, m.receiving_state) = k.state_a
       AND max(m.sending_state, m.receiving_state) = k.state_b
    WHERE m.kind NOT IN ('consulate_general', 'consulate', 'vice_consulate', 'consular_agency', 'honorary_consulate')
)
SELECT
    'missions' AS "table",
    CAST(a.mission_id AS TEXT) AS row,
    'mission ' || a.mission_id || ' (' || a.kind || ' of ' || a.sending_state || ' in ' || a.receiving_state
        || ') stayed open while relations were ' || CASE a.event WHEN 'severance' THEN 'severed' ELSE 'suspended' END
        || ' from ' || a.broken_on || coalesce(' until ' || a.restored_on, '')
        || ', with no protecting power and not as an interests section' AS finding
FROM at_break AS a
WHERE a.was_open
  -- Not closed, suspended or handed to a protecting power while relations were broken.
  AND NOT EXISTS (
      SELECT 1 FROM mission_events AS e
      WHERE e.mission_id = a.mission_id
        AND e.event IN ('closed', 'suspended', 'protecting_power')
        AND substr(e.occurred_on, 1, length(a.broken_on)) >= substr(a.broken_on, 1, length(e.occurred_on))
        AND (a.restored_on IS NULL OR substr(e.occurred_on, 1, length(a.restored_on)) <= a.restored_on))
  AND NOT (a.closed_on IS NOT NULL
           AND a.closed_on >= substr(a.broken_on, 1, length(a.closed_on))
           AND (a.restored_on IS NULL OR substr(a.closed_on, 1, length(a.restored_on)) <= a.restored_on));
