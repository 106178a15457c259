-- name: missions
-- title: Embassies and other missions
-- description: Embassies and other missions: who keeps one where, and since when.
-- param: state (state): Missions this state sends or receives.
-- param: partner (state): Missions between state and this state (either direction).
-- param: kind (text) in missions.kind: Only missions of this kind.
-- param: from (date): Missions open on or after this date (not closed before it).
-- param: to (date): Missions opened on or before this date.
SELECT *
FROM report_missions
WHERE (:state IS NULL OR :state IN (sending_state, receiving_state))
  AND (:partner IS NULL OR :partner IN (sending_state, receiving_state))
  AND (:kind IS NULL OR kind = :kind)
  AND (:from IS NULL OR closed_on IS NULL OR closed_on >= substr(:from, 1, length(closed_on)))
  AND (:to IS NULL OR opened_on IS NULL OR substr(opened_on, 1, length(:to)) <= :to)
ORDER BY opened_on, sending_state, receiving_state;
