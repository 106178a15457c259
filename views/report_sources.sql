-- Sources, with how many fact rows cite each.
CREATE VIEW report_sources AS
SELECT
    s.id,
    s.title,
    s.publisher,
    s.published_on,
    s.address,
    (SELECT count(*) FROM relation_events WHERE source_id = s.id)
        + (SELECT count(*) FROM missions WHERE source_id = s.id)
        + (SELECT count(*) FROM mission_events WHERE source_id = s.id)
        + (SELECT count(*) FROM heads_of_mission WHERE source_id = s.id)
        + (SELECT count(*) FROM people WHERE source_id = s.id)
        + (SELECT count(*) FROM places WHERE source_id = s.id)
        + (SELECT count(*) FROM memberships WHERE source_id = s.id)
        + (SELECT count(*) FROM visits WHERE source_id = s.id)
        + (SELECT count(*) FROM agreements WHERE source_id = s.id)
        + (SELECT count(*) FROM agreement_counts WHERE source_id = s.id)
        + (SELECT count(*) FROM cooperation WHERE source_id = s.id) AS facts_cited,
    s.note
FROM sources AS s;
