-- name: cooperation
-- title: Cooperation by sector
-- description: Lines of cooperation of pairs of states by sector: priority sectors, agreed directions and ongoing activity.
-- param: state (state): Cooperation of this state.
-- param: partner (state): Cooperation with this state (with state: the one pair).
-- param: sector (text) in cooperation.sector: Only this sector, or every sector of this sphere (a sector code: trade, economic...).
-- param: kind (text) in cooperation.kind: Only cooperation of this kind.
-- param: to (date): Statements that refer to a date on or before this one (or to no date).
SELECT *
FROM report_cooperation
WHERE (:state IS NULL OR :state IN (state_a, state_b))
  AND (:partner IS NULL OR :partner IN (state_a, state_b))
  AND (:sector IS NULL OR sector = :sector OR sphere = :sector)
  AND (:kind IS NULL OR kind = :kind)
  AND (:to IS NULL OR as_of IS NULL OR substr(as_of, 1, length(:to)) <= :to)
ORDER BY state_a, state_b, sphere, kind, id;
