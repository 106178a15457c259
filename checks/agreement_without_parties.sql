-- name: agreement_without_parties
-- description: An agreement with fewer than two parties.
SELECT
    'agreements' AS "table",
    CAST(a.id AS TEXT) AS row,
    'agreement ' || a.id || ' has ' || count(p.state) || ' part' || CASE count(p.state) WHEN 1 THEN 'y' ELSE 'ies' END || ' (needs two or more)' AS finding
FROM agreements AS a
LEFT JOIN agreement_parties AS p ON p.agreement_id = a.id
GROUP BY a.id
HAVING count(p.state) < 2;
