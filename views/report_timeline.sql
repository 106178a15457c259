-- Every dated event, one row per event and pair of states (state_b is NULL for an event of one
-- state, such as joining an organisation). `record_table` and `record_id` point at the row the
-- event comes from (for a mission event, the mission). A relation event that is no
-- establishment or severance is told in the source's words (its heading) where reldb has no
-- words of its own for it.
CREATE VIEW report_timeline AS
SELECT
    e.occurred_on AS date,
    CASE e.event
        WHEN 'recognition' THEN 'recognition'
        WHEN 'establishment' THEN 'relations_established'
        WHEN 'reestablishment' THEN 'relations_reestablished'
        WHEN 'resumption' THEN 'relations_resumed'
        WHEN 'severance' THEN 'relations_severed'
        WHEN 'suspension' THEN 'relations_suspended'
        WHEN 'interruption' THEN 'relations_interrupted'
        WHEN 'termination' THEN 'relations_terminated'
        ELSE 'relations_other'
    END AS event,
    e.state_a,
    e.state_b,
    CASE e.event
        WHEN 'establishment' THEN 'Diplomatic relations established between ' || a.name || ' and ' || b.name || coalesce(' by ' || e.manner, '')
        WHEN 'severance' THEN 'Diplomatic relations between ' || a.name || ' and ' || b.name || ' broken off'
        WHEN 'recognition' THEN CASE
            WHEN e.mutual = 1 THEN a.name || ' and ' || b.name || ' recognized each other'
            WHEN e.acting_state = e.state_a THEN a.name || ' recognized ' || CASE WHEN e.recognition_of = 'government' THEN 'the government of ' ELSE '' END || b.name
            WHEN e.acting_state = e.state_b THEN b.name || ' recognized ' || CASE WHEN e.recognition_of = 'government' THEN 'the government of ' ELSE '' END || a.name
            ELSE coalesce(rtrim(e.summary, '.'), 'Recognition between ' || a.name || ' and ' || b.name)
        END
        WHEN 'other' THEN coalesce(rtrim(e.summary, '.'), 'Relations between ' || a.name || ' and ' || b.name)
        ELSE coalesce(rtrim(e.summary, '.'), 'Diplomatic relations between ' || a.name || ' and ' || b.name || ' ' || CASE e.event WHEN 'reestablishment' THEN 're-established' WHEN 'resumption' THEN 'resumed' WHEN 'suspension' THEN 'suspended' WHEN 'interruption' THEN 'interrupted' ELSE 'terminated' END)
    END AS description,
    'relation_events' AS record_table,
    CAST(e.id AS TEXT) AS record_id,
    e.source_id
FROM relation_events AS e
JOIN states AS a ON a.code = e.state_a
JOIN states AS b ON b.code = e.state_b
WHERE e.occurred_on IS NOT NULL
UNION ALL
SELECT
    e.occurred_on,
    'mission_' || e.event,
    min(m.sending_state, m.receiving_state),
    max(m.sending_state, m.receiving_state),
    CASE WHEN e.event IN ('raised', 'lowered', 'moved') THEN 'Mission' ELSE upper(substr(replace(coalesce(e.kind, m.kind), '_', ' '), 1, 1)) || substr(replace(coalesce(e.kind, m.kind), '_', ' '), 2) END
        || ' of ' || s.name || ' in ' || CASE WHEN e.event = 'moved' THEN '' ELSE coalesce(coalesce(e.city, m.city) || ', ', '') END || r.name || ' '
        || CASE e.event
               WHEN 'raised' THEN 'raised to ' || coalesce(replace(e.kind, '_', ' '), 'a higher rank')
               WHEN 'lowered' THEN 'lowered to ' || coalesce(replace(e.kind, '_', ' '), 'a lower rank')
               WHEN 'moved' THEN 'moved' || coalesce(' to ' || e.city, '')
               WHEN 'protecting_power' THEN 'under the protection of ' || coalesce(p.name, e.protecting_state)
               ELSE e.event
           END,
    'missions',
    CAST(m.id AS TEXT),
    e.source_id
FROM mission_events AS e
JOIN missions AS m ON m.id = e.mission_id
JOIN states AS s ON s.code = m.sending_state
JOIN states AS r ON r.code = m.receiving_state
LEFT JOIN states AS p ON p.code = e.protecting_state
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
JOIN states AS s ON s.code = m.sending_state
JOIN states AS r ON r.code = m.receiving_state
WHERE m.opened_on IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM mission_events AS x WHERE x.mission_id = m.id)
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
JOIN states AS s ON s.code = m.sending_state
JOIN states AS r ON r.code = m.receiving_state
WHERE m.closed_on IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM mission_events AS x WHERE x.mission_id = m.id)
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
JOIN states AS h ON h.code = v.host_state
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
JOIN states AS s ON s.code = m.state
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
JOIN states AS s ON s.code = m.state
JOIN organizations AS o ON o.code = m.organization
WHERE m.left_on IS NOT NULL;
