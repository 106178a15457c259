-- name: states_in_organization
-- title: Members of an organisation
-- description: The states reldb records as members of one organisation, with the dates they joined.
-- param: organization (text) = CIS: The organisation's code (UN, OSCE, CIS).
-- param: limit (integer) = 100: At most this many rows.
SELECT state, state_name, joined_on
FROM report_memberships
WHERE organization = upper(:organization)
ORDER BY state
LIMIT :limit;
