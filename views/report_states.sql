-- Every state with its codes, status, years and the names it is also known by.
CREATE VIEW report_states AS
SELECT
    s.code,
    s.iso2,
    s.iso3,
    s.iso_numeric,
    s.gw_code,
    s.cow_code,
    s.name,
    s.official_name,
    s.status,
    s.sovereign,
    s.existed_from,
    s.existed_until,
    (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM state_aliases WHERE state = s.code ORDER BY alias)) AS aliases,
    s.note
FROM states AS s;
