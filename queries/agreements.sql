-- name: agreements
-- title: Agreements, joint statements and declarations
-- description: Treaties, agreements, joint statements and declarations, with their parties and sectors.
-- param: state (state): Agreements this state is party to.
-- param: partner (state): Agreements this state is also party to (with state: between the two).
-- param: from (date): Signed on or after this date.
-- param: to (date): Signed on or before this date.
-- param: kind (text) in agreements.kind: Only agreements of this kind.
-- param: sector (text) in agreement_sectors.sector: Only agreements covering this sector, or any sector of this sphere (a sector code: trade, economic...).
SELECT *
FROM report_agreements AS a
WHERE (:state IS NULL OR EXISTS (SELECT 1 FROM agreement_parties WHERE agreement_id = a.id AND state = :state))
  AND (:partner IS NULL OR EXISTS (SELECT 1 FROM agreement_parties WHERE agreement_id = a.id AND state = :partner))
  AND (:from IS NULL OR (a.signed_on IS NOT NULL AND a.signed_on >= substr(:from, 1, length(a.signed_on))))
  AND (:to IS NULL OR (a.signed_on IS NOT NULL AND substr(a.signed_on, 1, length(:to)) <= :to))
  AND (:kind IS NULL OR a.kind = :kind)
  AND (:sector IS NULL OR EXISTS (
        SELECT 1 FROM agreement_sectors AS x JOIN sectors AS s ON s.code = x.sector
        WHERE x.agreement_id = a.id AND (s.code = :sector OR s.sphere = :sector)))
ORDER BY a.signed_on, a.id;
