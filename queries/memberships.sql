-- name: memberships
-- title: Memberships of international organisations
-- description: Memberships of international organisations.
-- param: state (state): Memberships of this state.
-- param: partner (state): Only organisations this state also belongs to (with state: the ones both share).
-- param: organization (text) in memberships.organization: Only this organisation, by code (UN, OSCE, CIS).
-- param: to (date): Memberships joined on or before this date (or on a date not recorded); with partner, shared by then.
SELECT *
FROM report_memberships AS m
WHERE (:state IS NULL OR m.state = :state OR (:partner IS NOT NULL AND m.state = :partner))
  AND (:partner IS NULL OR EXISTS (
        SELECT 1 FROM memberships AS p WHERE p.organization = m.organization AND p.state = :partner
          AND (:to IS NULL OR p.joined_on IS NULL OR substr(p.joined_on, 1, length(:to)) <= :to)))
  AND (:state IS NULL OR :partner IS NULL OR EXISTS (
        SELECT 1 FROM memberships AS s WHERE s.organization = m.organization AND s.state = :state
          AND (:to IS NULL OR s.joined_on IS NULL OR substr(s.joined_on, 1, length(:to)) <= :to)))
  AND (:organization IS NULL OR m.organization = upper(:organization))
  AND (:to IS NULL OR m.joined_on IS NULL OR substr(m.joined_on, 1, length(:to)) <= :to)
ORDER BY m.organization, m.state;
