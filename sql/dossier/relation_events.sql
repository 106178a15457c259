-- The dossier's relation events of one pair (:state, :partner, either order), oldest first;
-- with :to, those dated after it are left out (an undated event is kept, as the brief keeps
-- facts without a date). Acts of the same day come in the order they build on each other:
-- recognition, then establishment, then the rest.
SELECT
    e.id,
    e.event,
    e.occurred_on,
    e.date_is_approximate,
    e.acting_state,
    e.mutual,
    e.recognition_of,
    e.manner,
    e.summary,
    e.source_id
FROM relation_events AS e
WHERE e.state_a = min(:state, :partner)
  AND e.state_b = max(:state, :partner)
  AND (:to IS NULL OR e.occurred_on IS NULL OR substr(e.occurred_on, 1, length(:to)) <= :to)
ORDER BY
    e.occurred_on,
    CASE e.event WHEN 'recognition' THEN 0 WHEN 'establishment' THEN 1 ELSE 2 END,
    e.id;
