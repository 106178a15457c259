-- The dossier's heads of mission of one pair: who led the missions either of (:state,
-- :partner) sends to the other, by sending state and in order of taking charge. Nominees who
-- never served are left out; with :to, so are terms that began after it (a term without a
-- date is kept).
SELECT
    h.id,
    p.name AS person_name,
    h.title,
    h.sending_state,
    s.name AS sending_state_name,
    r.name AS receiving_state_name,
    h.appointed_on,
    coalesce(h.started_on, h.arrived_on, h.appointed_on) AS began_on,
    h.ended_on,
    h.started_how,
    h.source_id
FROM heads_of_mission AS h
JOIN people AS p ON p.id = h.person_id
JOIN states AS s ON s.code = h.sending_state
JOIN states AS r ON r.code = h.receiving_state
WHERE ((h.sending_state = :state AND h.receiving_state = :partner)
    OR (h.sending_state = :partner AND h.receiving_state = :state))
  AND h.nominee_only = 0
  AND (:to IS NULL
       OR coalesce(h.started_on, h.arrived_on, h.appointed_on) IS NULL
       OR substr(coalesce(h.started_on, h.arrived_on, h.appointed_on), 1, length(:to)) <= :to)
-- A head with no date but the end of the term goes by that end; one with no date at all last.
ORDER BY h.sending_state,
    coalesce(h.started_on, h.arrived_on, h.appointed_on, h.ended_on) IS NULL,
    coalesce(h.started_on, h.arrived_on, h.appointed_on, h.ended_on), h.id;
