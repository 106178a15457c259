-- Diplomatic relations, with the states' names.
CREATE VIEW report_relations AS
SELECT
    r.state_a,
    a.name AS state_a_name,
    r.state_b,
    b.name AS state_b_name,
    r.established_on,
    r.established_by,
    r.severed_on,
    r.source_id,
    r.note
FROM relations AS r
JOIN states AS a ON a.code = r.state_a
JOIN states AS b ON b.code = r.state_b;
