-- Mission events, with the mission's states, kind and city: what happened to each mission.
CREATE VIEW report_mission_events AS
SELECT
    e.id,
    e.occurred_on AS date,
    e.date_is_approximate,
    e.event,
    e.mission_id,
    m.sending_state,
    s.name AS sending_state_name,
    m.receiving_state,
    r.name AS receiving_state_name,
    e.kind,
    coalesce(e.city, m.city) AS city,
    e.protecting_state,
    e.source_id,
    e.basis,
    e.note
FROM mission_events AS e
JOIN missions AS m ON m.id = e.mission_id
JOIN states AS s ON s.code = m.sending_state
JOIN states AS r ON r.code = m.receiving_state;
