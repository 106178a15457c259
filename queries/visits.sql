-- name: visits
-- title: High-level visits
-- description: High-level visits, oldest first: who went where, when, and in which capacity.
-- param: state (state): Visits to or from this state.
-- param: partner (state): Visits between state and this state (either direction).
-- param: from (date): Visits that end on or after this date.
-- param: to (date): Visits that start on or before this date.
-- param: kind (text): Only visits of this kind: state, official, working, private, transit, multilateral, other.
SELECT *
FROM report_visits
WHERE (:state IS NULL OR :state IN (visitor_state, host_state))
  AND (:partner IS NULL OR :partner IN (visitor_state, host_state))
  AND (:from IS NULL OR coalesce(end_date, start_date) >= substr(:from, 1, length(coalesce(end_date, start_date))))
  AND (:to IS NULL OR substr(start_date, 1, length(:to)) <= :to)
  AND (:kind IS NULL OR kind = :kind)
ORDER BY start_date, id;
