-- reldb schema, version 1: the tables of relations between states.
--
-- Conventions, so that hand-written SQL in the sqlite3 shell meets the same rules as the CLI:
-- * Every table is STRICT (SQLite 3.37+): a value of the wrong type is refused, not coerced.
-- * States are referred to by their `states.iso2` code in columns named after their role
--   (`host_state`, `sending_state`, `state_a`). Former states use their ISO 3166-3 code.
-- * Dates are ISO 8601 text and may be partial where the source is: `2007`, `2007-08` or
--   `2007-08-13`. A CHECK refuses anything else, including days the calendar lacks (2007-02-30).
--   An end date may be as partial as its start: it must not fall before the start at the
--   precision it is given in (`2007-08` may end a visit that started on `2007-08-13`).
-- * A pair of states is stored once, with `state_a < state_b` (by iso2).
-- * Every fact row has a `source_id`: the source that states the fact (NULL = not yet cited,
--   which `reldb check` reports).
-- * The sqlite3 shell has foreign keys off by default: run `PRAGMA foreign_keys = ON;` before
--   editing by hand, and `reldb check` afterwards.

-- Where each fact comes from: an article, a treaty collection, a data set.
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    -- Title as the source gives it.
    title TEXT NOT NULL UNIQUE CHECK (length(trim(title)) > 0),
    -- Who published it (ministry, agency, publisher), where known.
    publisher TEXT,
    -- Date of publication (ISO 8601, may be partial).
    published_on TEXT CHECK (published_on IS NULL OR published_on GLOB '[0-9][0-9][0-9][0-9]' OR (published_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(published_on, 6, 2) BETWEEN '01' AND '12') OR (published_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(published_on, '+0 days') IS published_on)),
    -- Web address or other locator, where known.
    address TEXT,
    -- Free-text remarks: how the source was read, its ambiguities.
    note TEXT
) STRICT;

-- Every UN member and observer state, former states and territories that appear in records.
CREATE TABLE states (
    -- ISO 3166-1 alpha-2 code (TJ, AZ); for a former state its ISO 3166-3 code (SUHH, YUCS),
    -- because former alpha-2 codes were given again to other states.
    iso2 TEXT PRIMARY KEY CHECK (iso2 GLOB '[A-Z][A-Z]' OR iso2 GLOB '[A-Z][A-Z][A-Z][A-Z]'),
    -- ISO 3166-1 alpha-3 code (TJK, AZE); former alpha-3 for a former state.
    iso3 TEXT UNIQUE CHECK (iso3 IS NULL OR iso3 GLOB '[A-Z][A-Z][A-Z]'),
    -- ISO 3166-1 numeric code as three digits ('031'); NULL where ISO assigns none.
    iso_numeric TEXT CHECK (iso_numeric IS NULL OR iso_numeric GLOB '[0-9][0-9][0-9]'),
    -- Common short English name.
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    -- Full official name.
    official_name TEXT,
    -- un_member, un_observer, non_member (sovereign, not in the UN), former, territory.
    status TEXT NOT NULL CHECK (status IN ('un_member', 'un_observer', 'non_member', 'former', 'territory')),
    -- 1 for a sovereign state, 0 for a territory.
    sovereign INTEGER NOT NULL CHECK (sovereign IN (0, 1)),
    -- First and last day the state existed as such, where that matters (NULL = long before
    -- the records / still exists).
    existed_from TEXT CHECK (existed_from IS NULL OR existed_from GLOB '[0-9][0-9][0-9][0-9]' OR (existed_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(existed_from, 6, 2) BETWEEN '01' AND '12') OR (existed_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(existed_from, '+0 days') IS existed_from)),
    existed_until TEXT CHECK (existed_until IS NULL OR existed_until GLOB '[0-9][0-9][0-9][0-9]' OR (existed_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(existed_until, 6, 2) BETWEEN '01' AND '12') OR (existed_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(existed_until, '+0 days') IS existed_until)),
    note TEXT,
    CHECK (existed_until IS NULL OR existed_from IS NULL OR existed_until >= substr(existed_from, 1, length(existed_until)))
) STRICT;

-- Other names sources use for a state: variants, former names, official forms. reldb matches
-- them case- and accent-insensitively wherever a state is named.
CREATE TABLE state_aliases (
    alias TEXT NOT NULL CHECK (length(trim(alias)) > 0),
    state TEXT NOT NULL REFERENCES states (iso2),
    -- The years in which the name meant this state, where it meant others at other times.
    valid_from TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]' OR (valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(valid_from, 6, 2) BETWEEN '01' AND '12') OR (valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(valid_from, '+0 days') IS valid_from)),
    valid_until TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[0-9][0-9][0-9][0-9]' OR (valid_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(valid_until, 6, 2) BETWEEN '01' AND '12') OR (valid_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(valid_until, '+0 days') IS valid_until)),
    -- variant, former_name, official_name, abbreviation.
    kind TEXT NOT NULL DEFAULT 'variant' CHECK (kind IN ('variant', 'former_name', 'official_name', 'abbreviation')),
    note TEXT,
    PRIMARY KEY (alias, state),
    CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= substr(valid_from, 1, length(valid_until)))
) STRICT;
CREATE INDEX state_aliases_by_state ON state_aliases (state);

-- Diplomatic relations between two states: one row per pair.
CREATE TABLE relations (
    state_a TEXT NOT NULL REFERENCES states (iso2),
    state_b TEXT NOT NULL REFERENCES states (iso2),
    -- Date relations were established.
    established_on TEXT CHECK (established_on IS NULL OR established_on GLOB '[0-9][0-9][0-9][0-9]' OR (established_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(established_on, 6, 2) BETWEEN '01' AND '12') OR (established_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(established_on, '+0 days') IS established_on)),
    -- How they were established, e.g. 'exchange of notes', 'joint communique', 'protocol'.
    established_by TEXT,
    -- Date relations were broken off, if they were.
    severed_on TEXT CHECK (severed_on IS NULL OR severed_on GLOB '[0-9][0-9][0-9][0-9]' OR (severed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(severed_on, 6, 2) BETWEEN '01' AND '12') OR (severed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(severed_on, '+0 days') IS severed_on)),
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    PRIMARY KEY (state_a, state_b),
    CHECK (state_a < state_b),
    CHECK (severed_on IS NULL OR established_on IS NULL OR severed_on >= substr(established_on, 1, length(severed_on)))
) STRICT;
CREATE INDEX relations_by_state_b ON relations (state_b);

-- Embassies, consulates and other missions one state keeps in another.
CREATE TABLE missions (
    id INTEGER PRIMARY KEY,
    sending_state TEXT NOT NULL REFERENCES states (iso2),
    receiving_state TEXT NOT NULL REFERENCES states (iso2),
    -- embassy, consulate_general, consulate, honorary_consulate, permanent_mission,
    -- trade_mission, liaison_office, other.
    kind TEXT NOT NULL CHECK (kind IN ('embassy', 'consulate_general', 'consulate', 'honorary_consulate', 'permanent_mission', 'trade_mission', 'liaison_office', 'other')),
    -- City the mission sits in, where known.
    city TEXT,
    -- Date the mission opened (began to work) and closed.
    opened_on TEXT CHECK (opened_on IS NULL OR opened_on GLOB '[0-9][0-9][0-9][0-9]' OR (opened_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(opened_on, 6, 2) BETWEEN '01' AND '12') OR (opened_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(opened_on, '+0 days') IS opened_on)),
    closed_on TEXT CHECK (closed_on IS NULL OR closed_on GLOB '[0-9][0-9][0-9][0-9]' OR (closed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(closed_on, 6, 2) BETWEEN '01' AND '12') OR (closed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(closed_on, '+0 days') IS closed_on)),
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    CHECK (sending_state <> receiving_state),
    CHECK (closed_on IS NULL OR opened_on IS NULL OR closed_on >= substr(opened_on, 1, length(closed_on)))
) STRICT;
CREATE INDEX missions_by_sending_state ON missions (sending_state, receiving_state);
CREATE INDEX missions_by_receiving_state ON missions (receiving_state);

-- International organisations.
CREATE TABLE organizations (
    -- Short code or acronym used in reldb: UN, OSCE, CIS.
    code TEXT PRIMARY KEY CHECK (length(trim(code)) > 0),
    name TEXT NOT NULL UNIQUE,
    note TEXT
) STRICT;

-- Which state belongs to which organisation, and since when.
CREATE TABLE memberships (
    organization TEXT NOT NULL REFERENCES organizations (code),
    state TEXT NOT NULL REFERENCES states (iso2),
    joined_on TEXT CHECK (joined_on IS NULL OR joined_on GLOB '[0-9][0-9][0-9][0-9]' OR (joined_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(joined_on, 6, 2) BETWEEN '01' AND '12') OR (joined_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(joined_on, '+0 days') IS joined_on)),
    left_on TEXT CHECK (left_on IS NULL OR left_on GLOB '[0-9][0-9][0-9][0-9]' OR (left_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(left_on, 6, 2) BETWEEN '01' AND '12') OR (left_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(left_on, '+0 days') IS left_on)),
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    PRIMARY KEY (organization, state),
    CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= substr(joined_on, 1, length(left_on)))
) STRICT;
CREATE INDEX memberships_by_state ON memberships (state);

-- High-level visits: who went where, when, and in which capacity.
CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    visitor_name TEXT NOT NULL CHECK (length(trim(visitor_name)) > 0),
    -- Office held at the time of the visit: 'President of Azerbaijan', 'president', 'secretary'.
    visitor_office TEXT,
    -- The state the visitor represented, and the state visited.
    visitor_state TEXT NOT NULL REFERENCES states (iso2),
    host_state TEXT NOT NULL REFERENCES states (iso2),
    -- state, official, working, private, transit, multilateral (a summit or conference), other.
    kind TEXT CHECK (kind IS NULL OR kind IN ('state', 'official', 'working', 'private', 'transit', 'multilateral', 'other')),
    -- Cities visited, where known (free text: 'Colon, Panama City').
    city TEXT,
    start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]' OR (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(start_date, 6, 2) BETWEEN '01' AND '12') OR (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(start_date, '+0 days') IS start_date)),
    end_date TEXT CHECK (end_date IS NULL OR end_date GLOB '[0-9][0-9][0-9][0-9]' OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(end_date, 6, 2) BETWEEN '01' AND '12') OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(end_date, '+0 days') IS end_date)),
    -- Number of documents signed during the visit, where a source counts them.
    documents_signed INTEGER CHECK (documents_signed IS NULL OR documents_signed >= 0),
    notes TEXT,
    source_id INTEGER REFERENCES sources (id),
    CHECK (visitor_state <> host_state),
    CHECK (end_date IS NULL OR end_date >= substr(start_date, 1, length(end_date)))
) STRICT;
-- Visits of a state, or of a pair of states (both ways), by date.
CREATE INDEX visits_by_host_state ON visits (host_state, visitor_state, start_date);
CREATE INDEX visits_by_visitor_state ON visits (visitor_state, host_state, start_date);
CREATE INDEX visits_by_start_date ON visits (start_date);

-- Spheres of cooperation and the sectors under them, in one table: a sphere is a row whose
-- `sphere` is its own code ('economic'); a sector names its sphere ('trade' -> 'economic').
CREATE TABLE sectors (
    -- Lower-case code with hyphens: 'ferrous-metallurgy'.
    code TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL UNIQUE,
    sphere TEXT NOT NULL REFERENCES sectors (code),
    description TEXT
) STRICT;

-- Treaties, agreements, memoranda, joint statements and declarations.
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- treaty, agreement, memorandum, protocol, programme, joint_statement, declaration, other.
    kind TEXT NOT NULL CHECK (kind IN ('treaty', 'agreement', 'memorandum', 'protocol', 'programme', 'joint_statement', 'declaration', 'other')),
    signed_on TEXT CHECK (signed_on IS NULL OR signed_on GLOB '[0-9][0-9][0-9][0-9]' OR (signed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(signed_on, 6, 2) BETWEEN '01' AND '12') OR (signed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(signed_on, '+0 days') IS signed_on)),
    -- City where it was signed, where known.
    signed_at TEXT,
    in_force_on TEXT CHECK (in_force_on IS NULL OR in_force_on GLOB '[0-9][0-9][0-9][0-9]' OR (in_force_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(in_force_on, 6, 2) BETWEEN '01' AND '12') OR (in_force_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(in_force_on, '+0 days') IS in_force_on)),
    -- The visit during which it was signed, where it was.
    visit_id INTEGER REFERENCES visits (id),
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    CHECK (in_force_on IS NULL OR signed_on IS NULL OR in_force_on >= substr(signed_on, 1, length(in_force_on)))
) STRICT;
CREATE INDEX agreements_by_signed_on ON agreements (signed_on);
CREATE INDEX agreements_by_visit ON agreements (visit_id);

-- The states party to an agreement.
CREATE TABLE agreement_parties (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    state TEXT NOT NULL REFERENCES states (iso2),
    PRIMARY KEY (agreement_id, state)
) STRICT;
CREATE INDEX agreement_parties_by_state ON agreement_parties (state);

-- The sectors an agreement covers.
CREATE TABLE agreement_sectors (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    sector TEXT NOT NULL REFERENCES sectors (code),
    PRIMARY KEY (agreement_id, sector)
) STRICT;
CREATE INDEX agreement_sectors_by_sector ON agreement_sectors (sector);

-- The size of a pair's legal base as a source states it, when it gives a count and not the
-- agreements themselves ("more than 30 agreements and treaties").
CREATE TABLE agreement_counts (
    id INTEGER PRIMARY KEY,
    state_a TEXT NOT NULL REFERENCES states (iso2),
    state_b TEXT NOT NULL REFERENCES states (iso2),
    -- The date the count refers to (usually the source's date).
    as_of TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]' OR (as_of GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(as_of, 6, 2) BETWEEN '01' AND '12') OR (as_of GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(as_of, '+0 days') IS as_of)),
    count INTEGER NOT NULL CHECK (count >= 0),
    -- How the source qualifies the number: exactly, more_than, at_least, about.
    qualifier TEXT NOT NULL DEFAULT 'exactly' CHECK (qualifier IN ('exactly', 'more_than', 'at_least', 'about')),
    -- What is counted, in reldb's words.
    description TEXT NOT NULL,
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    CHECK (state_a < state_b)
) STRICT;
CREATE INDEX agreement_counts_by_pair ON agreement_counts (state_a, state_b);

-- The spheres a counted legal base covers.
CREATE TABLE agreement_count_sectors (
    agreement_count_id INTEGER NOT NULL REFERENCES agreement_counts (id) ON DELETE CASCADE,
    sector TEXT NOT NULL REFERENCES sectors (code),
    PRIMARY KEY (agreement_count_id, sector)
) STRICT;

-- Lines of cooperation between a pair that a source describes without a document or a date of
-- their own: priority sectors, directions agreed at a visit, ongoing activity.
CREATE TABLE cooperation (
    id INTEGER PRIMARY KEY,
    state_a TEXT NOT NULL REFERENCES states (iso2),
    state_b TEXT NOT NULL REFERENCES states (iso2),
    sector TEXT NOT NULL REFERENCES sectors (code),
    -- priority_sector: named a priority of cooperation; agreed_direction: a direction the sides
    -- set (at a visit, where known); activity: cooperation the source describes as going on.
    kind TEXT NOT NULL CHECK (kind IN ('priority_sector', 'agreed_direction', 'activity')),
    -- The line of cooperation in reldb's words.
    summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),
    -- The date the statement refers to (usually the source's date).
    as_of TEXT CHECK (as_of IS NULL OR as_of GLOB '[0-9][0-9][0-9][0-9]' OR (as_of GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(as_of, 6, 2) BETWEEN '01' AND '12') OR (as_of GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(as_of, '+0 days') IS as_of)),
    visit_id INTEGER REFERENCES visits (id),
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    CHECK (state_a < state_b)
) STRICT;
CREATE INDEX cooperation_by_pair ON cooperation (state_a, state_b);
CREATE INDEX cooperation_by_sector ON cooperation (sector);

-- reldb's own bookkeeping (the schema and seed fingerprints of the binary that last wrote the
-- file). Not a fact table.
CREATE TABLE reldb_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
