-- name: states
-- title: States
-- description: Every state reldb knows (UN members and observers, former states, territories) with its ISO codes, status and other names.
-- param: state (state): Only this state (code, iso2, iso3 or any name).
-- param: status (text) in states.status: Only states of this status.
SELECT *
FROM report_states
WHERE (:state IS NULL OR code = :state)
  AND (:status IS NULL OR status = :status)
ORDER BY name;
