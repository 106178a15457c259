-- High-level visits, with the states' names.
CREATE VIEW report_visits AS
SELECT
    v.id,
    v.start_date,
    v.end_date,
    v.visitor_name,
    v.visitor_office,
    v.visitor_state,
    vs.name AS visitor_state_name,
    v.host_state,
    hs.name AS host_state_name,
    v.kind,
    v.city,
    v.documents_signed,
    v.notes,
    v.source_id
FROM visits AS v
JOIN states AS vs ON vs.code = v.visitor_state
JOIN states AS hs ON hs.code = v.host_state;
