-- Places (the cities of missions), with the state's name.
CREATE VIEW report_places AS
SELECT
    p.id,
    p.name,
    p.state,
    s.name AS state_name,
    p.latitude,
    p.longitude,
    p.gsh_locale_id,
    p.source_id,
    p.note
FROM places AS p
LEFT JOIN states AS s ON s.code = p.state;
