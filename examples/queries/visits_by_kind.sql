-- name: visits_by_kind
-- title: Visits of one kind
-- description: Visits of one kind (official unless told otherwise) since a date, oldest first.
-- param: kind (text) in visits.kind = official: The kind of visit.
-- param: state (state): Visits to or from this state.
-- param: since (date) = 1991: Visits that start in or after this year (or month, or day).
SELECT id, start_date, visitor_name, visitor_state, host_state, kind
FROM report_visits
WHERE kind = :kind
  AND (:state IS NULL OR :state IN (visitor_state, host_state))
  AND start_date >= :since
ORDER BY start_date, id;
