-- The dossier's missions of one pair that are reldb's inference rather than the record's
-- statement (a post older than its state, kept as the state's from its first day), with the
-- reasoning; :to is bound like the other dossier files but no date of these is known.
SELECT
    m.id AS mission_id,
    m.basis_note
FROM missions AS m
WHERE ((m.sending_state = :state AND m.receiving_state = :partner)
    OR (m.sending_state = :partner AND m.receiving_state = :state))
  AND m.basis = 'inferred'
  AND (:to IS NULL OR :to IS NOT NULL)
ORDER BY m.id;
