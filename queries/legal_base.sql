-- name: legal_base
-- title: Size of the legal base
-- description: The size of a pair's legal base as sources count it ("more than 30 agreements"), with the spheres it covers.
-- param: state (state): Counts for this state's pairs.
-- param: partner (state): Counts for pairs with this state.
SELECT *
FROM report_legal_base
WHERE (:state IS NULL OR :state IN (state_a, state_b))
  AND (:partner IS NULL OR :partner IN (state_a, state_b))
ORDER BY state_a, state_b, as_of;
