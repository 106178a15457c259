-- The size of a pair's legal base as sources count it, with the spheres it covers.
CREATE VIEW report_legal_base AS
SELECT
    c.id,
    c.state_a,
    c.state_b,
    c.as_of,
    c.count,
    c.qualifier,
    c.description,
    (SELECT group_concat(sector, '; ') FROM (SELECT sector FROM agreement_count_sectors WHERE agreement_count_id = c.id ORDER BY sector)) AS sectors,
    c.source_id,
    c.note
FROM agreement_counts AS c;
