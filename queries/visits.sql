-- name: visits
-- title: High-level visits
-- description: High-level visits, oldest first: who went where, when, and in which capacity.
-- param: state (state): Visits to or from this state.
-- param: partner (state): Visits between state and this state (either direction).
-- param: from (date): Visits that end on or after this date.
-- param: to (date): Visits that start on or before this date.
-- param: kind (text) in visits.kind: Only visits of this kind.
--
-- One branch per way the states can be given (a pair, one state, none), so that each can use
-- an index; a branch whose parameter test is false is skipped before it reads a row.
-- `start_date <= :to || '~'` is the partial-date test `substr(start_date, 1, length(:to)) <= :to`
-- in a form an index can use.
SELECT * FROM report_visits
WHERE ((host_state = :state AND visitor_state = :partner) OR (visitor_state = :state AND host_state = :partner))
  AND (:from IS NULL OR coalesce(end_date, start_date) >= substr(:from, 1, length(coalesce(end_date, start_date))))
  AND start_date <= coalesce(:to || '~', '~')
  AND (:kind IS NULL OR kind = :kind)
UNION ALL
SELECT * FROM report_visits
WHERE (host_state = coalesce(:state, :partner) OR visitor_state = coalesce(:state, :partner))
  AND (:state IS NULL OR :partner IS NULL)
  AND (:from IS NULL OR coalesce(end_date, start_date) >= substr(:from, 1, length(coalesce(end_date, start_date))))
  AND start_date <= coalesce(:to || '~', '~')
  AND (:kind IS NULL OR kind = :kind)
UNION ALL
SELECT * FROM report_visits
WHERE :state IS NULL AND :partner IS NULL
  AND (:from IS NULL OR coalesce(end_date, start_date) >= substr(:from, 1, length(coalesce(end_date, start_date))))
  AND start_date <= coalesce(:to || '~', '~')
  AND (:kind IS NULL OR kind = :kind)
ORDER BY start_date, id;
