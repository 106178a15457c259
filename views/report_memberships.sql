-- Memberships of international organisations.
CREATE VIEW report_memberships AS
SELECT
    m.organization,
    o.name AS organization_name,
    m.state,
    s.name AS state_name,
    m.joined_on,
    m.left_on,
    m.source_id,
    m.note
FROM memberships AS m
JOIN organizations AS o ON o.code = m.organization
JOIN states AS s ON s.code = m.state;
