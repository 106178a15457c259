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
    c.note,
    c.basis,
    c.basis_note,
    -- How the counted spheres are known: inferred if any is, NULL if any is not yet said.
    (SELECT CASE WHEN max(basis = 'inferred') THEN 'inferred' WHEN max(basis IS NULL) THEN NULL WHEN count(*) > 0 THEN 'stated' END FROM agreement_count_sectors WHERE agreement_count_id = c.id) AS sectors_basis,
    (SELECT group_concat(DISTINCT basis_note) FROM agreement_count_sectors WHERE agreement_count_id = c.id AND basis = 'inferred') AS sectors_basis_note
FROM agreement_counts AS c;
