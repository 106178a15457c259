-- reldb schema, version 2: one view per report.
--
-- Each named query of `reldb query NAME` reads the view `report_NAME` and adds only its
-- parameters' filters and the order, so the sqlite3 shell sees the same rows and the same column
-- names as the CLI's CSV reports: `SELECT * FROM report_visits WHERE host_state = 'TJ';`.

-- Every state with its codes, status and the names it is also known by.
CREATE VIEW report_states AS
SELECT
    s.iso2,
    s.iso3,
    s.iso_numeric,
    s.name,
    s.official_name,
    s.status,
    s.sovereign,
    s.existed_from,
    s.existed_until,
    (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM state_aliases WHERE state = s.iso2 ORDER BY alias)) AS aliases,
    s.note
FROM states AS s;

-- Diplomatic relations, with the states' names.
CREATE VIEW report_relations AS
SELECT
    r.state_a,
    a.name AS state_a_name,
    r.state_b,
    b.name AS state_b_name,
    r.established_on,
    r.established_by,
    r.severed_on,
    r.source_id,
    r.note
FROM relations AS r
JOIN states AS a ON a.iso2 = r.state_a
JOIN states AS b ON b.iso2 = r.state_b;

-- Missions, with the states' names.
CREATE VIEW report_missions AS
SELECT
    m.id,
    m.sending_state,
    s.name AS sending_state_name,
    m.receiving_state,
    r.name AS receiving_state_name,
    m.kind,
    m.city,
    m.opened_on,
    m.closed_on,
    m.source_id,
    m.note
FROM missions AS m
JOIN states AS s ON s.iso2 = m.sending_state
JOIN states AS r ON r.iso2 = m.receiving_state;

-- Memberships of international organisations.
CREATE VIEW report_memberships AS
SELECT
    m.organization,
    o.name AS organization_name,
    m.state,
    s.name AS state_name,
    m.joined_on,
    m.left_on,
    m.source_id,
    m.note
FROM memberships AS m
JOIN organizations AS o ON o.code = m.organization
JOIN states AS s ON s.iso2 = m.state;

-- High-level visits, with the states' names.
CREATE VIEW report_visits AS
SELECT
    v.id,
    v.start_date,
    v.end_date,
    v.visitor_name,
    v.visitor_office,
    v.visitor_state,
    vs.name AS visitor_state_name,
    v.host_state,
    hs.name AS host_state_name,
    v.kind,
    v.city,
    v.documents_signed,
    v.notes,
    v.source_id
FROM visits AS v
JOIN states AS vs ON vs.iso2 = v.visitor_state
JOIN states AS hs ON hs.iso2 = v.host_state;

-- Agreements with their parties and sectors (iso2 codes and sector codes, '; '-separated).
CREATE VIEW report_agreements AS
SELECT
    a.id,
    a.signed_on,
    a.title,
    a.kind,
    (SELECT group_concat(state, '; ') FROM (SELECT state FROM agreement_parties WHERE agreement_id = a.id ORDER BY state)) AS parties,
    a.signed_at,
    a.in_force_on,
    a.visit_id,
    (SELECT group_concat(sector, '; ') FROM (SELECT sector FROM agreement_sectors WHERE agreement_id = a.id ORDER BY sector)) AS sectors,
    a.source_id,
    a.note
FROM agreements AS a;

-- Spheres and sectors; a sphere is the row whose code equals its sphere.
CREATE VIEW report_sectors AS
SELECT
    s.code,
    s.name,
    s.sphere,
    p.name AS sphere_name,
    s.code = s.sphere AS is_sphere,
    s.description
FROM sectors AS s
JOIN sectors AS p ON p.code = s.sphere;

-- Sources, with how many fact rows cite each.
CREATE VIEW report_sources AS
SELECT
    s.id,
    s.title,
    s.publisher,
    s.published_on,
    s.address,
    (SELECT count(*) FROM relations WHERE source_id = s.id)
        + (SELECT count(*) FROM missions WHERE source_id = s.id)
        + (SELECT count(*) FROM memberships WHERE source_id = s.id)
        + (SELECT count(*) FROM visits WHERE source_id = s.id)
        + (SELECT count(*) FROM agreements WHERE source_id = s.id)
        + (SELECT count(*) FROM agreement_counts WHERE source_id = s.id)
        + (SELECT count(*) FROM cooperation WHERE source_id = s.id) AS facts_cited,
    s.note
FROM sources AS s;

-- Lines of cooperation of a pair, with the sector's sphere.
CREATE VIEW report_cooperation AS
SELECT
    c.id,
    c.state_a,
    c.state_b,
    c.sector,
    s.name AS sector_name,
    s.sphere,
    c.kind,
    c.summary,
    c.as_of,
    c.visit_id,
    c.source_id,
    c.note
FROM cooperation AS c
JOIN sectors AS s ON s.code = c.sector;

-- The size of a pair's legal base as sources count it, with the spheres it covers.
CREATE VIEW report_legal_base AS
SELECT
    c.id,
    c.state_a,
    c.state_b,
    c.as_of,
    c.count,
    c.qualifier,
    c.description,
    (SELECT group_concat(sector, '; ') FROM (SELECT sector FROM agreement_count_sectors WHERE agreement_count_id = c.id ORDER BY sector)) AS sectors,
    c.source_id,
    c.note
FROM agreement_counts AS c;

-- Every dated event, one row per event and pair of states (state_b is NULL for an event of one
-- state, such as joining an organisation). `record_table` and `record_id` point at the row the
-- event comes from.
CREATE VIEW report_timeline AS
SELECT
    r.established_on AS date,
    'relations_established' AS event,
    r.state_a,
    r.state_b,
    'Diplomatic relations established between ' || a.name || ' and ' || b.name || coalesce(' by ' || r.established_by, '') AS description,
    'relations' AS record_table,
    r.state_a || '-' || r.state_b AS record_id,
    r.source_id
FROM relations AS r
JOIN states AS a ON a.iso2 = r.state_a
JOIN states AS b ON b.iso2 = r.state_b
WHERE r.established_on IS NOT NULL
UNION ALL
SELECT
    r.severed_on,
    'relations_severed',
    r.state_a,
    r.state_b,
    'Diplomatic relations between ' || a.name || ' and ' || b.name || ' broken off',
    'relations',
    r.state_a || '-' || r.state_b,
    r.source_id
FROM relations AS r
JOIN states AS a ON a.iso2 = r.state_a
JOIN states AS b ON b.iso2 = r.state_b
WHERE r.severed_on IS NOT NULL
UNION ALL
SELECT
    m.opened_on,
    'mission_opened',
    min(m.sending_state, m.receiving_state),
    max(m.sending_state, m.receiving_state),
    upper(substr(replace(m.kind, '_', ' '), 1, 1)) || substr(replace(m.kind, '_', ' '), 2) || ' of ' || s.name || ' in ' || coalesce(m.city || ', ', '') || r.name || ' opened',
    'missions',
    CAST(m.id AS TEXT),
    m.source_id
FROM missions AS m
JOIN states AS s ON s.iso2 = m.sending_state
JOIN states AS r ON r.iso2 = m.receiving_state
WHERE m.opened_on IS NOT NULL
UNION ALL
SELECT
    m.closed_on,
    'mission_closed',
    min(m.sending_state, m.receiving_state),
    max(m.sending_state, m.receiving_state),
    upper(substr(replace(m.kind, '_', ' '), 1, 1)) || substr(replace(m.kind, '_', ' '), 2) || ' of ' || s.name || ' in ' || coalesce(m.city || ', ', '') || r.name || ' closed',
    'missions',
    CAST(m.id AS TEXT),
    m.source_id
FROM missions AS m
JOIN states AS s ON s.iso2 = m.sending_state
JOIN states AS r ON r.iso2 = m.receiving_state
WHERE m.closed_on IS NOT NULL
UNION ALL
SELECT
    v.start_date,
    'visit',
    min(v.visitor_state, v.host_state),
    max(v.visitor_state, v.host_state),
    coalesce(upper(substr(v.kind, 1, 1)) || substr(v.kind, 2) || ' visit', 'Visit') || ' of ' || v.visitor_name || coalesce(' (' || v.visitor_office || ')', '') || ' to ' || h.name
        || CASE WHEN v.end_date IS NOT NULL AND v.end_date <> v.start_date THEN ', until ' || v.end_date ELSE '' END,
    'visits',
    CAST(v.id AS TEXT),
    v.source_id
FROM visits AS v
JOIN states AS h ON h.iso2 = v.host_state
UNION ALL
SELECT
    a.signed_on,
    'agreement_signed',
    p.state,
    q.state,
    upper(substr(replace(a.kind, '_', ' '), 1, 1)) || substr(replace(a.kind, '_', ' '), 2) || ' signed: ' || a.title,
    'agreements',
    CAST(a.id AS TEXT),
    a.source_id
FROM agreements AS a
JOIN agreement_parties AS p ON p.agreement_id = a.id
JOIN agreement_parties AS q ON q.agreement_id = a.id AND q.state > p.state
WHERE a.signed_on IS NOT NULL
UNION ALL
SELECT
    a.in_force_on,
    'agreement_in_force',
    p.state,
    q.state,
    upper(substr(replace(a.kind, '_', ' '), 1, 1)) || substr(replace(a.kind, '_', ' '), 2) || ' in force: ' || a.title,
    'agreements',
    CAST(a.id AS TEXT),
    a.source_id
FROM agreements AS a
JOIN agreement_parties AS p ON p.agreement_id = a.id
JOIN agreement_parties AS q ON q.agreement_id = a.id AND q.state > p.state
WHERE a.in_force_on IS NOT NULL
UNION ALL
SELECT
    c.as_of,
    'legal_base_counted',
    c.state_a,
    c.state_b,
    'Legal base counted: ' || CASE c.qualifier WHEN 'exactly' THEN '' ELSE replace(c.qualifier, '_', ' ') || ' ' END || c.count || ' ' || c.description,
    'agreement_counts',
    CAST(c.id AS TEXT),
    c.source_id
FROM agreement_counts AS c
UNION ALL
SELECT
    m.joined_on,
    'membership_joined',
    m.state,
    NULL,
    s.name || ' joins ' || o.name,
    'memberships',
    m.organization || '-' || m.state,
    m.source_id
FROM memberships AS m
JOIN states AS s ON s.iso2 = m.state
JOIN organizations AS o ON o.code = m.organization
WHERE m.joined_on IS NOT NULL
UNION ALL
SELECT
    m.left_on,
    'membership_left',
    m.state,
    NULL,
    s.name || ' leaves ' || o.name,
    'memberships',
    m.organization || '-' || m.state,
    m.source_id
FROM memberships AS m
JOIN states AS s ON s.iso2 = m.state
JOIN organizations AS o ON o.code = m.organization
WHERE m.left_on IS NOT NULL;
