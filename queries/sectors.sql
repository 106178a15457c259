-- name: sectors
-- title: Spheres and sectors of cooperation
-- description: The spheres of cooperation and the sectors under each.
-- param: sphere (text): Only this sphere and its sectors: political, economic, scientific-technical, humanitarian, security.
SELECT *
FROM report_sectors
WHERE (:sphere IS NULL OR sphere = :sphere)
ORDER BY sphere, is_sphere DESC, code;
