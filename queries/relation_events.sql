-- name: relation_events
-- title: Relation events
-- description: What happened to the relations between two states, act by act: recognition, establishment, severance, resumption and the rest, with who acted, how, and the source.
-- param: state (state): Events of this state.
-- param: partner (state): Events between state and this state (with state: the one pair).
-- param: event (text) in relation_events.event: Only events of this kind.
-- param: from (date): Events on or after this date.
-- param: to (date): Events on or before this date.
SELECT date, event, recognition_of, state_a, state_a_name, state_b, state_b_name,
       acting_state, mutual, manner, date_is_approximate, summary, source_id
FROM report_relation_events
WHERE (:state IS NULL OR :state IN (state_a, state_b))
  AND (:partner IS NULL OR :partner IN (state_a, state_b))
  AND (:event IS NULL OR event = :event)
  AND (:from IS NULL OR date >= substr(:from, 1, length(date)))
  AND (:to IS NULL OR substr(date, 1, length(:to)) <= :to)
ORDER BY date, state_a, state_b, id;
