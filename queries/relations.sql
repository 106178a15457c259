-- name: relations
-- title: Diplomatic relations
-- description: Diplomatic relations between pairs of states, with their status on a date (or today) from the last event before it: recognized, established, severed, suspended, interrupted, terminated or none.
-- param: state (state): Relations of this state.
-- param: partner (state): Relations with this state (with state: the one pair).
-- param: on (date): The status on this date (events of a partial date count from its start), of the pairs whose two states both existed then.
-- param: status (text): Only pairs with this status.
-- param: to (date): Relations established on or before this date (or on a date not recorded).
WITH known AS (
    SELECT e.*
    FROM relation_events AS e
    WHERE e.event <> 'other'
      AND (:on IS NULL OR (e.occurred_on IS NOT NULL AND substr(e.occurred_on, 1, length(:on)) <= :on))
),
pairs AS (
    SELECT r.*,
        (SELECT k.id FROM known AS k
         WHERE k.state_a = r.state_a AND k.state_b = r.state_b AND k.event <> 'recognition'
         ORDER BY k.occurred_on DESC, k.id DESC LIMIT 1) AS change_id,
        (SELECT max(k.occurred_on) FROM known AS k
         WHERE k.state_a = r.state_a AND k.state_b = r.state_b AND k.event = 'recognition') AS recognized_on,
        (SELECT count(*) FROM known AS k
         WHERE k.state_a = r.state_a AND k.state_b = r.state_b AND k.event = 'recognition') AS recognitions
    FROM report_relations AS r
    WHERE (:state IS NULL OR :state IN (r.state_a, r.state_b))
      AND (:partner IS NULL OR :partner IN (r.state_a, r.state_b))
      AND (:to IS NULL OR r.established_on IS NULL OR substr(r.established_on, 1, length(:to)) <= :to)
      -- A state gone by the date (the Third Reich in 1970) has no relations then.
      AND (:on IS NULL OR NOT EXISTS (
          SELECT 1 FROM states AS s
          WHERE s.code IN (r.state_a, r.state_b)
            AND ((s.existed_from IS NOT NULL
                  AND substr(s.existed_from, 1, length(:on)) > substr(:on, 1, length(s.existed_from)))
              OR (s.existed_until IS NOT NULL
                  AND substr(s.existed_until, 1, length(:on)) < substr(:on, 1, length(s.existed_until))))))
),
statuses AS (
    SELECT p.*,
        CASE
            WHEN c.event IN ('establishment', 'reestablishment', 'resumption') THEN 'established'
            -- A recognition after a break (of France's provisional government in 1944, after
            -- Vichy's severance) is what the record holds since: recognized, not severed, and
            -- not established again unless an act says so.
            WHEN p.recognized_on > c.occurred_on THEN 'recognized'
            WHEN c.event = 'severance' THEN 'severed'
            WHEN c.event = 'suspension' THEN 'suspended'
            WHEN c.event = 'interruption' THEN 'interrupted'
            WHEN c.event = 'termination' THEN 'terminated'
            WHEN p.recognitions > 0 THEN 'recognized'
            ELSE 'none'
        END AS status,
        CASE WHEN c.event NOT IN ('establishment', 'reestablishment', 'resumption')
                  AND p.recognized_on > c.occurred_on THEN p.recognized_on
             WHEN c.id IS NOT NULL THEN c.occurred_on
             ELSE p.recognized_on END AS status_since
    FROM pairs AS p
    LEFT JOIN relation_events AS c ON c.id = p.change_id
)
SELECT state_a, state_a_name, state_b, state_b_name, status, status_since,
       established_on, established_by, severed_on, source_id, note
FROM statuses
WHERE (:status IS NULL OR status = :status)
ORDER BY established_on, state_a, state_b;
