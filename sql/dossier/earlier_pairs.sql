-- The dossier's earlier pairs: the states before :state or :partner (their predecessors in
-- state_successions, at any remove) whose relations with the other of the pair the database
-- holds. Their acts are kept under their own codes (China's of 1844 under X-CHINA-1912), so
-- the brief names where to read them. With :to, acts dated after it are not counted.
WITH RECURSIVE earlier (code, other) AS (
    SELECT predecessor, :partner FROM state_successions WHERE successor = :state
    UNION
    SELECT predecessor, :state FROM state_successions WHERE successor = :partner
    UNION
    SELECT s.predecessor, e.other
    FROM state_successions AS s
    JOIN earlier AS e ON s.successor = e.code
)
SELECT
    e.code,
    s.name,
    e.other,
    o.name AS other_name,
    min(r.occurred_on) AS first_on,
    max(r.occurred_on) AS last_on,
    count(*) AS acts
FROM earlier AS e
JOIN relation_events AS r
    ON r.state_a = min(e.code, e.other) AND r.state_b = max(e.code, e.other)
JOIN states AS s ON s.code = e.code
JOIN states AS o ON o.code = e.other
WHERE r.occurred_on IS NOT NULL
  AND (:to IS NULL OR substr(r.occurred_on, 1, length(:to)) <= :to)
GROUP BY e.code, e.other
ORDER BY first_on, e.code;
