-- name: memberships
-- title: Memberships of international organisations
-- description: Memberships of international organisations.
-- param: state (state): Memberships of this state.
-- param: partner (state): Only organisations this state also belongs to (with state: the ones both share).
-- param: organization (text): Only this organisation, by code (UN, OSCE, CIS).
SELECT *
FROM report_memberships AS m
WHERE (:state IS NULL OR m.state = :state OR (:partner IS NOT NULL AND m.state = :partner))
  AND (:partner IS NULL OR EXISTS (SELECT 1 FROM memberships AS p WHERE p.organization = m.organization AND p.state = :partner))
  AND (:state IS NULL OR :partner IS NULL OR EXISTS (SELECT 1 FROM memberships AS s WHERE s.organization = m.organization AND s.state = :state))
  AND (:organization IS NULL OR m.organization = upper(:organization))
ORDER BY m.organization, m.state;
