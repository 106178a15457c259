-- name: timeline
-- title: Timeline of events
-- description: Every dated event (relations, missions, visits, agreements, counts of the legal base, memberships), oldest first.
-- param: state (state): Events of this state.
-- param: partner (state): Events between state and this state (with state: the pair's timeline).
-- param: from (date): Events on or after this date.
-- param: to (date): Events on or before this date.
SELECT *
FROM report_timeline
WHERE (:state IS NULL OR :state IN (state_a, state_b))
  AND (:partner IS NULL OR :partner IN (state_a, state_b))
  AND (:from IS NULL OR date >= substr(:from, 1, length(date)))
  AND (:to IS NULL OR substr(date, 1, length(:to)) <= :to)
ORDER BY date, event, record_table, record_id;
