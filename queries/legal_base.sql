-- name: legal_base
-- title: Size of the legal base
-- description: The size of a pair's legal base as sources count it ("more than 30 agreements"), with the spheres it covers.
-- param: state (state): Counts for this state's pairs.
-- param: partner (state): Counts for pairs with this state.
-- param: to (date): Counts that refer to a date on or before this one.
SELECT *
FROM report_legal_base
WHERE (:state IS NULL OR :state IN (state_a, state_b))
  AND (:partner IS NULL OR :partner IN (state_a, state_b))
  AND (:to IS NULL OR substr(as_of, 1, length(:to)) <= :to)
ORDER BY state_a, state_b, as_of;
