-- name: relations
-- title: Diplomatic relations
-- description: Diplomatic relations between pairs of states: when and how they were established.
-- param: state (state): Relations of this state.
-- param: partner (state): Relations with this state (with state: the one pair).
SELECT *
FROM report_relations
WHERE (:state IS NULL OR :state IN (state_a, state_b))
  AND (:partner IS NULL OR :partner IN (state_a, state_b))
ORDER BY established_on, state_a, state_b;
