-- name: successions
-- title: Successions of states
-- description: Who succeeded whom: each predecessor and successor state, with the year (or day) and the kind of change where known, oldest first.
-- param: state (state): Successions in which this state is the predecessor or the successor.
-- param: kind (text) in state_successions.kind: Only successions of this kind.
--
-- From the Office of the Historian's gazetteer (scripts/build_state_seed.py): its links
-- between entries of two different states; `basis` says whether the kind is the source's or
-- reldb's reading of the record's shape.
SELECT
    ss.predecessor,
    p.name AS predecessor_name,
    ss.successor,
    s.name AS successor_name,
    ss.succeeded_on,
    ss.kind,
    ss.basis,
    ss.source_id
FROM state_successions AS ss
JOIN states AS p ON p.code = ss.predecessor
JOIN states AS s ON s.code = ss.successor
WHERE (:state IS NULL OR :state IN (ss.predecessor, ss.successor))
  AND (:kind IS NULL OR ss.kind = :kind)
ORDER BY ss.succeeded_on, ss.predecessor, ss.successor;
