-- reldb schema, version 4: relations and missions as histories.
--
-- * Relations between two states are a series of dated events (recognition, establishment,
--   severance, resumption, ...), so that a second period of relations has its place; the state
--   of relations on any date follows from them. `relations` is now a view over the events with
--   the columns it had, for the queries people already wrote.
-- * A mission has a history (opened, raised from legation to embassy, moved, closed, reopened)
--   and the kinds real missions have; cities are places with coordinates where known.
-- * Heads of mission, and the people who held the posts, are rows of their own.

PRAGMA defer_foreign_keys = ON;

-- Places: the cities where missions sit and visits go.
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    -- The place's name as the source gives it ('Dushanbe').
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- The state it lies in today, where known.
    state TEXT REFERENCES states (code),
    -- WGS 84 degrees, where a source gives them.
    latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    -- The Office of the Historian's id of the locale ('dushanbe'), where it has one.
    gsh_locale_id TEXT UNIQUE,
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
) STRICT;
CREATE INDEX places_by_state ON places (state, name);

-- What happened to the relations between two states, in order: one row per act.
CREATE TABLE relation_events (
    id INTEGER PRIMARY KEY,
    -- The pair, stored once with state_a < state_b (by code).
    state_a TEXT NOT NULL REFERENCES states (code),
    state_b TEXT NOT NULL REFERENCES states (code),
    -- recognition (of a state or a government, see recognition_of), establishment (of
    -- diplomatic relations), reestablishment (with a new state or government after a
    -- termination), resumption (after a severance, suspension or interruption), severance,
    -- suspension, interruption (by war or occupation), termination (one side ceased to exist
    -- or was absorbed), other (a milestone the source lists that is none of these).
    event TEXT NOT NULL CHECK (event IN ('recognition', 'establishment', 'reestablishment', 'resumption', 'severance', 'suspension', 'interruption', 'termination', 'other')),
    -- When it happened, as precise as the source is; NULL where the source says it happened
    -- but not when.
    occurred_on TEXT CHECK (occurred_on IS NULL OR occurred_on GLOB '[0-9][0-9][0-9][0-9]' OR (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(occurred_on, 6, 2) BETWEEN '01' AND '12') OR (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(occurred_on, '+0 days') IS occurred_on)),
    -- 1 where the source gives the date as approximate ('on or about June 16, 1844').
    date_is_approximate INTEGER NOT NULL DEFAULT 0 CHECK (date_is_approximate IN (0, 1)),
    -- The state that acted (recognised, broke off), where one side did; NULL where both did
    -- (mutual = 1) or the source does not say.
    acting_state TEXT REFERENCES states (code),
    mutual INTEGER NOT NULL DEFAULT 0 CHECK (mutual IN (0, 1)),
    -- For a recognition: 'state' or 'government'.
    recognition_of TEXT CHECK (recognition_of IS NULL OR recognition_of IN ('state', 'government')),
    -- How it was done, in the source's terms: 'exchange of notes', 'presented his credentials',
    -- 'announced in a press statement'.
    manner TEXT,
    -- The act in a few words, where the event kind does not say it all (the source's heading).
    summary TEXT,
    source_id INTEGER REFERENCES sources (id),
    basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred')),
    basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred'),
    note TEXT,
    CHECK (state_a < state_b),
    CHECK (acting_state IS NULL OR acting_state IN (state_a, state_b)),
    CHECK (mutual = 0 OR acting_state IS NULL),
    CHECK (recognition_of IS NULL OR event = 'recognition')
) STRICT;
CREATE INDEX relation_events_by_pair ON relation_events (state_a, state_b, occurred_on);
CREATE INDEX relation_events_by_state_b ON relation_events (state_b, occurred_on);
CREATE INDEX relation_events_by_date ON relation_events (occurred_on);

-- The relations rows become events: an establishment (undated where the row had no date), and
-- a severance where there was one.
INSERT INTO relation_events (state_a, state_b, event, occurred_on, manner, source_id, basis, basis_note, note)
SELECT state_a, state_b, 'establishment', established_on, established_by, source_id, basis, basis_note, note
FROM relations WHERE established_on IS NOT NULL OR severed_on IS NULL;
INSERT INTO relation_events (state_a, state_b, event, occurred_on, source_id, basis, basis_note, note)
SELECT state_a, state_b, 'severance', severed_on, source_id, basis, basis_note,
       CASE WHEN established_on IS NULL THEN note END
FROM relations WHERE severed_on IS NOT NULL;
DROP TABLE relations;

-- The relations of a pair as version 1-3 had them, one row per pair: the first establishment,
-- and the last severance, suspension, interruption or termination where no establishment,
-- reestablishment or resumption came after it. Read-only; write relation_events.
CREATE VIEW relations AS
WITH pairs AS (
    SELECT DISTINCT state_a, state_b FROM relation_events
),
first_established AS (
    SELECT e.* FROM relation_events AS e
    WHERE e.event = 'establishment'
      AND e.id = (SELECT f.id FROM relation_events AS f
                  WHERE f.state_a = e.state_a AND f.state_b = e.state_b AND f.event = 'establishment'
                  ORDER BY f.occurred_on, f.id LIMIT 1)
),
last_change AS (
    SELECT e.* FROM relation_events AS e
    WHERE e.event IN ('establishment', 'reestablishment', 'resumption', 'severance', 'suspension', 'interruption', 'termination')
      AND e.id = (SELECT f.id FROM relation_events AS f
                  WHERE f.state_a = e.state_a AND f.state_b = e.state_b
                    AND f.event IN ('establishment', 'reestablishment', 'resumption', 'severance', 'suspension', 'interruption', 'termination')
                  ORDER BY f.occurred_on DESC, f.id DESC LIMIT 1)
)
SELECT
    p.state_a,
    p.state_b,
    fe.occurred_on AS established_on,
    fe.manner AS established_by,
    CASE WHEN lc.event IN ('severance', 'suspension', 'interruption', 'termination') THEN lc.occurred_on END AS severed_on,
    fe.source_id,
    fe.note
FROM pairs AS p
LEFT JOIN first_established AS fe ON fe.state_a = p.state_a AND fe.state_b = p.state_b
LEFT JOIN last_change AS lc ON lc.state_a = p.state_a AND lc.state_b = p.state_b;

-- missions is rebuilt for the kinds real missions have, a place and the post's id.
CREATE TEMP TABLE missions_before_v4 AS SELECT * FROM missions;
DROP TABLE missions;
-- Embassies, legations, consulates and other missions one state keeps in another; what
-- happened to each is in mission_events.
CREATE TABLE missions (
    id INTEGER PRIMARY KEY,
    sending_state TEXT NOT NULL REFERENCES states (code),
    receiving_state TEXT NOT NULL REFERENCES states (code),
    -- The mission's kind now, or when it closed: embassy, legation, consulate_general,
    -- consulate, vice_consulate, consular_agency, honorary_consulate, permanent_mission,
    -- trade_mission, liaison_office, interests_section (in another state's embassy, under a
    -- protecting power), branch_office, other. Earlier kinds are in mission_events.
    kind TEXT NOT NULL CHECK (kind IN ('embassy', 'legation', 'consulate_general', 'consulate', 'vice_consulate', 'consular_agency', 'honorary_consulate', 'permanent_mission', 'trade_mission', 'liaison_office', 'interests_section', 'branch_office', 'other')),
    -- City the mission sits in (now, or when it closed), where known.
    city TEXT,
    place_id INTEGER REFERENCES places (id),
    -- Date the mission first opened (began to work) and last closed; NULL = unknown / open.
    opened_on TEXT CHECK (opened_on IS NULL OR opened_on GLOB '[0-9][0-9][0-9][0-9]' OR (opened_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(opened_on, 6, 2) BETWEEN '01' AND '12') OR (opened_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(opened_on, '+0 days') IS opened_on)),
    closed_on TEXT CHECK (closed_on IS NULL OR closed_on GLOB '[0-9][0-9][0-9][0-9]' OR (closed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(closed_on, 6, 2) BETWEEN '01' AND '12') OR (closed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(closed_on, '+0 days') IS closed_on)),
    -- The Office of the Historian's id of the post ('dushanbe'), for a US post it lists.
    gsh_post_id TEXT UNIQUE,
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred')),
    basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred'),
    CHECK (sending_state <> receiving_state),
    CHECK (closed_on IS NULL OR opened_on IS NULL OR closed_on >= substr(opened_on, 1, length(closed_on)))
) STRICT;
CREATE INDEX missions_by_sending_state ON missions (sending_state, receiving_state);
CREATE INDEX missions_by_receiving_state ON missions (receiving_state);
INSERT INTO missions (id, sending_state, receiving_state, kind, city, opened_on, closed_on, source_id, note, basis, basis_note)
SELECT id, sending_state, receiving_state, kind, city, opened_on, closed_on, source_id, note, basis, basis_note
FROM missions_before_v4;
DROP TABLE missions_before_v4;

-- What happened to a mission, in order.
CREATE TABLE mission_events (
    id INTEGER PRIMARY KEY,
    mission_id INTEGER NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
    -- opened, raised (to a higher kind, e.g. legation to embassy), lowered, moved (to city),
    -- suspended (closed for a time, staff withdrawn), reopened, closed, protecting_power (from
    -- this date another state's mission looks after the sending state's interests).
    event TEXT NOT NULL CHECK (event IN ('opened', 'raised', 'lowered', 'moved', 'suspended', 'reopened', 'closed', 'protecting_power')),
    occurred_on TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]' OR (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(occurred_on, 6, 2) BETWEEN '01' AND '12') OR (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(occurred_on, '+0 days') IS occurred_on)),
    date_is_approximate INTEGER NOT NULL DEFAULT 0 CHECK (date_is_approximate IN (0, 1)),
    -- The mission's kind from this event on (for opened, raised, lowered, reopened).
    kind TEXT CHECK (kind IS NULL OR kind IN ('embassy', 'legation', 'consulate_general', 'consulate', 'vice_consulate', 'consular_agency', 'honorary_consulate', 'permanent_mission', 'trade_mission', 'liaison_office', 'interests_section', 'branch_office', 'other')),
    -- The mission's city from this event on (for opened, moved, reopened).
    city TEXT,
    place_id INTEGER REFERENCES places (id),
    -- The protecting power (for protecting_power, or an interests section opened in its embassy).
    protecting_state TEXT REFERENCES states (code),
    source_id INTEGER REFERENCES sources (id),
    basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred')),
    basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred'),
    note TEXT,
    CHECK (event <> 'protecting_power' OR protecting_state IS NOT NULL)
) STRICT;
CREATE INDEX mission_events_by_mission ON mission_events (mission_id, occurred_on);
CREATE INDEX mission_events_by_date ON mission_events (occurred_on);

-- Each mission that had dates gets its opening and closing as events.
INSERT INTO mission_events (mission_id, event, occurred_on, kind, city, source_id, basis, basis_note)
SELECT id, 'opened', opened_on, kind, city, source_id, basis, basis_note FROM missions WHERE opened_on IS NOT NULL;
INSERT INTO mission_events (mission_id, event, occurred_on, source_id, basis, basis_note)
SELECT id, 'closed', closed_on, source_id, basis, basis_note FROM missions WHERE closed_on IS NOT NULL;

-- People who held posts (heads of mission), one row per person across their career.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    -- Full name as the source gives it ('Edmund McWilliams').
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    surname TEXT,
    forename TEXT,
    -- Other forms of the name the source gives, '; '-separated.
    other_names TEXT,
    -- Year (or date) of birth and death, where known.
    born_on TEXT CHECK (born_on IS NULL OR born_on GLOB '[0-9][0-9][0-9][0-9]' OR (born_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(born_on, 6, 2) BETWEEN '01' AND '12') OR (born_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(born_on, '+0 days') IS born_on)),
    died_on TEXT CHECK (died_on IS NULL OR died_on GLOB '[0-9][0-9][0-9][0-9]' OR (died_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(died_on, 6, 2) BETWEEN '01' AND '12') OR (died_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(died_on, '+0 days') IS died_on)),
    -- The Office of the Historian's id of the person ('mcwilliams-edmund'), where it has one.
    pocom_id TEXT UNIQUE,
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    CHECK (died_on IS NULL OR born_on IS NULL OR died_on >= substr(born_on, 1, length(died_on)))
) STRICT;
CREATE INDEX people_by_name ON people (name);

-- Heads of mission: who led a state's mission to another state (or an organisation), with what
-- title, and when.
CREATE TABLE heads_of_mission (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id),
    -- The title as the source gives it ('Ambassador Extraordinary and Plenipotentiary',
    -- 'Chargé d’Affaires ad interim').
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    sending_state TEXT NOT NULL REFERENCES states (code),
    -- The state received in, or the organisation accredited to.
    receiving_state TEXT REFERENCES states (code),
    organization TEXT REFERENCES organizations (code),
    -- The mission led, where it is known to reldb.
    mission_id INTEGER REFERENCES missions (id),
    -- Appointed (or commissioned), arrived at post, started (presented credentials or took
    -- charge: see started_how), ended (left post, superseded, died: see ended_how).
    appointed_on TEXT CHECK (appointed_on IS NULL OR appointed_on GLOB '[0-9][0-9][0-9][0-9]' OR (appointed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(appointed_on, 6, 2) BETWEEN '01' AND '12') OR (appointed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(appointed_on, '+0 days') IS appointed_on)),
    arrived_on TEXT CHECK (arrived_on IS NULL OR arrived_on GLOB '[0-9][0-9][0-9][0-9]' OR (arrived_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(arrived_on, 6, 2) BETWEEN '01' AND '12') OR (arrived_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(arrived_on, '+0 days') IS arrived_on)),
    started_on TEXT CHECK (started_on IS NULL OR started_on GLOB '[0-9][0-9][0-9][0-9]' OR (started_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(started_on, 6, 2) BETWEEN '01' AND '12') OR (started_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(started_on, '+0 days') IS started_on)),
    ended_on TEXT CHECK (ended_on IS NULL OR ended_on GLOB '[0-9][0-9][0-9][0-9]' OR (ended_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(ended_on, 6, 2) BETWEEN '01' AND '12') OR (ended_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(ended_on, '+0 days') IS ended_on)),
    -- The source's words for how the term started and ended ('Presented credentials',
    -- 'Left post').
    started_how TEXT,
    ended_how TEXT,
    -- 1 for a nominee who never served (nominated, not confirmed or did not proceed).
    nominee_only INTEGER NOT NULL DEFAULT 0 CHECK (nominee_only IN (0, 1)),
    -- The Office of the Historian's id of the appointment, where it has one.
    pocom_id TEXT UNIQUE,
    source_id INTEGER REFERENCES sources (id),
    basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred')),
    basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred'),
    note TEXT,
    CHECK (receiving_state IS NOT NULL OR organization IS NOT NULL),
    CHECK (receiving_state IS NULL OR receiving_state <> sending_state),
    CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= substr(started_on, 1, length(ended_on)))
) STRICT;
CREATE INDEX heads_of_mission_by_person ON heads_of_mission (person_id);
CREATE INDEX heads_of_mission_by_pair ON heads_of_mission (sending_state, receiving_state, started_on);
CREATE INDEX heads_of_mission_by_receiving_state ON heads_of_mission (receiving_state);
