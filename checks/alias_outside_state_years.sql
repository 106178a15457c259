-- name: alias_outside_state_years
-- description: A name of a state valid only in years when the state did not exist (and was not a part of another state, whose names its parts keep).
SELECT
    'state_aliases' AS "table",
    CAST(a.id AS TEXT) AS row,
    '''' || a.alias || ''' of ' || s.code || ' is valid ' || coalesce(a.valid_from, '') || '–'
        || coalesce(a.valid_until, '') || ', but ' || s.name || ' existed '
        || coalesce(s.existed_from, '') || '–' || coalesce(s.existed_until, '') AS finding
FROM state_aliases AS a
JOIN states AS s ON s.code = a.state
WHERE ((a.valid_until IS NOT NULL AND s.existed_from IS NOT NULL
        AND a.valid_until < substr(s.existed_from, 1, length(a.valid_until)))
    OR (a.valid_from IS NOT NULL AND s.existed_until IS NOT NULL
        AND substr(a.valid_from, 1, length(s.existed_until)) > s.existed_until))
  AND NOT EXISTS (
      SELECT 1 FROM state_parts AS p
      WHERE p.state = a.state
        AND (a.valid_until IS NULL OR a.valid_until >= substr(p.part_from, 1, length(a.valid_until)))
        AND (p.part_until IS NULL OR a.valid_from IS NULL OR substr(a.valid_from, 1, length(p.part_until)) <= p.part_until)
  );
