-- name: sources
-- title: Sources
-- description: The sources facts are taken from, with how many fact rows cite each.
SELECT *
FROM report_sources
ORDER BY id;
