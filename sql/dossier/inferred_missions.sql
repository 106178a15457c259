-- The dossier's missions of one pair that are reldb's inference rather than the record's
-- statement (a post older than its state, kept as the state's from its first day), with the
-- reasoning. They have no date, so the brief's date bound does not apply.
SELECT
    m.id AS mission_id,
    m.basis_note
FROM missions AS m
WHERE ((m.sending_state = :state AND m.receiving_state = :partner)
    OR (m.sending_state = :partner AND m.receiving_state = :state))
  AND m.basis = 'inferred'
ORDER BY m.id;
