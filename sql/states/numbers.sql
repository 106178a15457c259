-- name: state_numbers
-- description: Each state's COW and Gleditsch-Ward numbers as the names `cow:N` and `gw:N`, with the days each names it: the numbers by era of state_numbers, and `states.gw_code` or `cow_code` (at all times) of a state that has none of that system there, such as one a user filled in with `reldb update`.
SELECT state, system || ':' || number AS name, number_from, number_until
FROM state_numbers
UNION ALL
SELECT code, 'gw:' || gw_code, NULL, NULL
FROM states AS s
WHERE gw_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM state_numbers AS n WHERE n.state = s.code AND n.system = 'gw')
UNION ALL
SELECT code, 'cow:' || cow_code, NULL, NULL
FROM states AS s
WHERE cow_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM state_numbers AS n WHERE n.state = s.code AND n.system = 'cow');
