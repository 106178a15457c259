-- The dossier's mission events of one pair: what happened to each mission either of
-- (:state, :partner) keeps in the other, by mission and in order; with :to, events dated
-- after it are left out.
SELECT
    e.mission_id,
    e.event,
    e.occurred_on,
    e.date_is_approximate,
    e.kind,
    e.city,
    p.name AS protecting_state_name,
    e.source_id,
    e.basis,
    e.basis_note
FROM mission_events AS e
JOIN missions AS m ON m.id = e.mission_id
LEFT JOIN states AS p ON p.code = e.protecting_state
WHERE ((m.sending_state = :state AND m.receiving_state = :partner)
    OR (m.sending_state = :partner AND m.receiving_state = :state))
  AND (:to IS NULL OR substr(e.occurred_on, 1, length(:to)) <= :to)
ORDER BY e.mission_id, e.occurred_on, e.id;
