-- People who held posts, with how many posts each held.
CREATE VIEW report_people AS
SELECT
    p.id,
    p.name,
    p.born_on,
    p.died_on,
    (SELECT count(*) FROM heads_of_mission AS h WHERE h.person_id = p.id AND h.nominee_only = 0) AS posts_held,
    p.pocom_id,
    p.source_id,
    p.note
FROM people AS p;
