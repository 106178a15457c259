-- name: heads_of_mission
-- title: Heads of mission
-- description: Who led one state's mission in another, with what title, and when: appointed, started (credentials presented or took charge), ended.
-- param: state (state): Heads of mission this state sent or received.
-- param: partner (state): Heads of mission between state and this state (either direction).
-- param: person (text): People whose name contains this text.
SELECT person, title, sending_state, receiving_state, receiving_state_name, appointed_on,
       started_on, started_how, ended_on, ended_how, nominee_only, person_id, source_id
FROM report_heads_of_mission
WHERE (:state IS NULL OR :state IN (sending_state, receiving_state))
  AND (:partner IS NULL OR :partner IN (sending_state, receiving_state))
  AND (:person IS NULL OR instr(lower(person), lower(:person)) > 0)
ORDER BY coalesce(started_on, appointed_on, ended_on) IS NULL,
    coalesce(started_on, appointed_on, ended_on), sending_state, receiving_state, id;
