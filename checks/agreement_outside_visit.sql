-- name: agreement_outside_visit
-- description: An agreement tied to a visit but signed outside the visit's dates.
SELECT
    'agreements' AS "table",
    CAST(a.id AS TEXT) AS row,
    'agreement ' || a.id || ' was signed on ' || a.signed_on || ', outside visit ' || v.id || ' ('
        || v.start_date || ' to ' || coalesce(v.end_date, v.start_date) || ')' AS finding
FROM agreements AS a
JOIN visits AS v ON v.id = a.visit_id
WHERE a.signed_on IS NOT NULL
  AND (substr(a.signed_on, 1, length(v.start_date)) < substr(v.start_date, 1, length(a.signed_on))
    OR substr(a.signed_on, 1, length(coalesce(v.end_date, v.start_date)))
       > substr(coalesce(v.end_date, v.start_date), 1, length(a.signed_on)));
