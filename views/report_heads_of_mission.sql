-- Heads of mission, with the person's name and the states' names.
CREATE VIEW report_heads_of_mission AS
SELECT
    h.id,
    p.name AS person,
    h.title,
    h.sending_state,
    s.name AS sending_state_name,
    h.receiving_state,
    r.name AS receiving_state_name,
    h.organization,
    h.appointed_on,
    h.arrived_on,
    h.started_on,
    h.started_how,
    h.ended_on,
    h.ended_how,
    h.nominee_only,
    h.person_id,
    h.mission_id,
    h.source_id,
    h.note
FROM heads_of_mission AS h
JOIN people AS p ON p.id = h.person_id
JOIN states AS s ON s.code = h.sending_state
LEFT JOIN states AS r ON r.code = h.receiving_state;
