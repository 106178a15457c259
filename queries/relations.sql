-- name: relations
-- title: Diplomatic relations
-- description: Diplomatic relations between pairs of states: when and how they were established.
-- param: state (state): Relations of this state.
-- param: partner (state): Relations with this state (with state: the one pair).
-- param: to (date): Relations established on or before this date (or on a date not recorded).
SELECT *
FROM report_relations
WHERE (:state IS NULL OR :state IN (state_a, state_b))
  AND (:partner IS NULL OR :partner IN (state_a, state_b))
  AND (:to IS NULL OR established_on IS NULL OR substr(established_on, 1, length(:to)) <= :to)
ORDER BY established_on, state_a, state_b;
