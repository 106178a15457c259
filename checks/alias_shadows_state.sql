-- name: alias_shadows_state
-- description: An alias that is also another state's code, name or alias, over a period when both states could be meant.
--
-- Four periods must meet for a clash: the alias's years, its state's, those of the other name
-- (an alias may have years; codes and names have none), and the other state's. Periods on a
-- line meet together when each two of them meet, and two meet when neither ends before the
-- other starts, compared at the coarser precision as everywhere in reldb. Names are compared
-- in lower case (SQLite folds ASCII letters only; the loader also folds accents).
WITH names AS (
    SELECT code AS state, code AS name, 'code' AS what, NULL AS valid_from, NULL AS valid_until FROM states
    UNION ALL
    SELECT code, iso3, 'code', NULL, NULL FROM states WHERE iso3 IS NOT NULL
    UNION ALL
    SELECT code, name, 'name', NULL, NULL FROM states
    UNION ALL
    SELECT state, alias, 'alias', valid_from, valid_until FROM state_aliases
),
clashes AS (
    SELECT a.alias, a.state, n.state AS other, n.name AS other_name, n.what,
           a.valid_from AS af, a.valid_until AS au, s.existed_from AS sf, s.existed_until AS su,
           n.valid_from AS nf, n.valid_until AS nu, t.existed_from AS tf, t.existed_until AS tu
    FROM state_aliases AS a
    JOIN states AS s ON s.code = a.state
    JOIN names AS n ON lower(trim(n.name)) = lower(trim(a.alias)) AND n.state <> a.state
    JOIN states AS t ON t.code = n.state
)
SELECT
    'state_aliases' AS "table",
    alias || ' → ' || state AS row,
    'alias ''' || alias || ''' of ' || state || ' is also the ' || what || ' ''' || other_name
        || ''' of ' || other || ', and both states can be meant at the same time' AS finding
FROM clashes
WHERE (au IS NULL OR sf IS NULL OR substr(au, 1, length(sf)) >= substr(sf, 1, length(au)))
  AND (su IS NULL OR af IS NULL OR substr(su, 1, length(af)) >= substr(af, 1, length(su)))
  AND (au IS NULL OR nf IS NULL OR substr(au, 1, length(nf)) >= substr(nf, 1, length(au)))
  AND (nu IS NULL OR af IS NULL OR substr(nu, 1, length(af)) >= substr(af, 1, length(nu)))
  AND (au IS NULL OR tf IS NULL OR substr(au, 1, length(tf)) >= substr(tf, 1, length(au)))
  AND (tu IS NULL OR af IS NULL OR substr(tu, 1, length(af)) >= substr(af, 1, length(tu)))
  AND (su IS NULL OR nf IS NULL OR substr(su, 1, length(nf)) >= substr(nf, 1, length(su)))
  AND (nu IS NULL OR sf IS NULL OR substr(nu, 1, length(sf)) >= substr(sf, 1, length(nu)))
  AND (su IS NULL OR tf IS NULL OR substr(su, 1, length(tf)) >= substr(tf, 1, length(su)))
  AND (tu IS NULL OR sf IS NULL OR substr(tu, 1, length(sf)) >= substr(sf, 1, length(tu)))
  AND (nu IS NULL OR tf IS NULL OR substr(nu, 1, length(tf)) >= substr(tf, 1, length(nu)))
  AND (tu IS NULL OR nf IS NULL OR substr(tu, 1, length(nf)) >= substr(nf, 1, length(tu)))
ORDER BY alias, state, other;
