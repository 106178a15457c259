-- Missions, with the states' names.
CREATE VIEW report_missions AS
SELECT
    m.id,
    m.sending_state,
    s.name AS sending_state_name,
    m.receiving_state,
    r.name AS receiving_state_name,
    m.kind,
    m.city,
    m.opened_on,
    m.closed_on,
    m.source_id,
    m.note
FROM missions AS m
JOIN states AS s ON s.code = m.sending_state
JOIN states AS r ON r.code = m.receiving_state;
