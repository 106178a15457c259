-- Agreements with their parties and sectors (state codes and sector codes, '; '-separated).
CREATE VIEW report_agreements AS
SELECT
    a.id,
    a.signed_on,
    a.title,
    a.kind,
    (SELECT group_concat(state, '; ') FROM (SELECT state FROM agreement_parties WHERE agreement_id = a.id ORDER BY state)) AS parties,
    a.signed_at,
    a.in_force_on,
    a.visit_id,
    (SELECT group_concat(sector, '; ') FROM (SELECT sector FROM agreement_sectors WHERE agreement_id = a.id ORDER BY sector)) AS sectors,
    a.source_id,
    a.note,
    a.basis,
    a.basis_note,
    a.visit_basis
FROM agreements AS a;
