-- Every source, to find one by id or title and to suggest near titles.
SELECT id, title
FROM sources
ORDER BY id;
