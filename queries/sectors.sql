-- name: sectors
-- title: Spheres and sectors of cooperation
-- description: The spheres of cooperation and the sectors under each.
-- param: sphere (text) in sectors.sphere: Only this sphere and its sectors.
SELECT *
FROM report_sectors
WHERE (:sphere IS NULL OR sphere = :sphere)
ORDER BY sphere, is_sphere DESC, code;
