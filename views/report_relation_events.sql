-- Relation events, with the states' names: one row per act (recognition, establishment,
-- severance, resumption, ...), in the source's words for how it was done.
CREATE VIEW report_relation_events AS
SELECT
    e.id,
    e.occurred_on AS date,
    e.date_is_approximate,
    e.event,
    e.recognition_of,
    e.state_a,
    a.name AS state_a_name,
    e.state_b,
    b.name AS state_b_name,
    e.acting_state,
    e.mutual,
    e.manner,
    e.summary,
    e.source_id,
    e.basis,
    e.note
FROM relation_events AS e
JOIN states AS a ON a.code = e.state_a
JOIN states AS b ON b.code = e.state_b;
