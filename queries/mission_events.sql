-- name: mission_events
-- title: Mission events
-- description: What happened to embassies, legations, consulates and other missions: opened, raised, moved, closed, reopened, with the kind and city from then on.
-- param: state (state): Events of missions this state sends or receives.
-- param: partner (state): Events of missions between state and this state (either direction).
-- param: event (text) in mission_events.event: Only events of this kind.
-- param: from (date): Events on or after this date.
-- param: to (date): Events on or before this date.
SELECT date, event, kind, city, sending_state, sending_state_name, receiving_state,
       receiving_state_name, mission_id, protecting_state, date_is_approximate, note, source_id
FROM report_mission_events
WHERE (:state IS NULL OR :state IN (sending_state, receiving_state))
  AND (:partner IS NULL OR :partner IN (sending_state, receiving_state))
  AND (:event IS NULL OR event = :event)
  AND (:from IS NULL OR date >= substr(:from, 1, length(date)))
  AND (:to IS NULL OR substr(date, 1, length(:to)) <= :to)
ORDER BY date, sending_state, receiving_state, id;
