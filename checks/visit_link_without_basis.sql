-- name: visit_link_without_basis
-- description: An agreement or a line of cooperation linked to a visit without saying how the link is known (visit_basis is NULL), or with an inferred link whose reasoning is not in basis_note.
SELECT
    'agreements' AS "table",
    CAST(id AS TEXT) AS row,
    'agreement ' || id || ' is linked to visit ' || visit_id || CASE WHEN visit_basis IS NULL THEN ' without a visit_basis' ELSE ' by inference without a basis_note' END AS finding
FROM agreements
WHERE visit_id IS NOT NULL AND (visit_basis IS NULL OR (visit_basis = 'inferred' AND basis_note IS NULL))
UNION ALL
SELECT
    'cooperation',
    CAST(id AS TEXT),
    'cooperation ' || id || ' is linked to visit ' || visit_id || CASE WHEN visit_basis IS NULL THEN ' without a visit_basis' ELSE ' by inference without a basis_note' END
FROM cooperation
WHERE visit_id IS NOT NULL AND (visit_basis IS NULL OR (visit_basis = 'inferred' AND basis_note IS NULL));
