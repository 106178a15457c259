-- name: states
-- title: States
-- description: Every state reldb knows since 1776 (UN members and observers, former states, territories) with its codes (reldb's, ISO, Gleditsch-Ward, COW), status, years of existence and other names.
-- param: state (state): Only this state (code, iso2, iso3 or any name).
-- param: status (text) in states.status: Only states of this status.
-- param: on (date): Only states that existed on this date (a year, month or day).
SELECT *
FROM report_states
WHERE (:state IS NULL OR code = :state)
  AND (:status IS NULL OR status = :status)
  AND (:on IS NULL OR existed_from IS NULL OR substr(existed_from, 1, length(:on)) <= :on)
  AND (:on IS NULL OR existed_until IS NULL OR substr(:on, 1, length(existed_until)) <= existed_until)
ORDER BY name;
