-- Spheres and sectors; a sphere is the row whose code equals its sphere.
CREATE VIEW report_sectors AS
SELECT
    s.code,
    s.name,
    s.sphere,
    p.name AS sphere_name,
    s.code = s.sphere AS is_sphere,
    s.description
FROM sectors AS s
JOIN sectors AS p ON p.code = s.sphere;
