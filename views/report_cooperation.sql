-- Lines of cooperation of a pair, with the sector's sphere.
CREATE VIEW report_cooperation AS
SELECT
    c.id,
    c.state_a,
    c.state_b,
    c.sector,
    s.name AS sector_name,
    s.sphere,
    c.kind,
    c.summary,
    c.as_of,
    c.visit_id,
    c.source_id,
    c.note,
    c.basis,
    c.basis_note,
    c.visit_basis
FROM cooperation AS c
JOIN sectors AS s ON s.code = c.sector;
