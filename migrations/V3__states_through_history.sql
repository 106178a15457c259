-- reldb schema, version 3: states through history, and how each fact is known.
--
-- * The key column of `states` is now `code` (it was `iso2`, which also held ISO 3166-3 codes).
--   Every column that names a state (`host_state`, `state_a`, ...) holds a `states.code`:
--   the ISO 3166-1 alpha-2 code of a state on today's map (TJ), the ISO 3166-3 code of a former
--   state that has one (SUHH), else `X-` and the gazetteer id in capitals
--   (X-REPUBLIC-OF-TEXAS-1845). `states.iso2` now holds only ISO 3166-1 alpha-2 codes.
-- * A state may have several eras (the gazetteer's entries), successions, constituent parts
--   and names valid in given years, each with its source.
-- * Every fact row and every link between facts says how it is known: `basis` is `stated` (the
--   source says it) or `inferred` (reldb's reading, with the reasoning in `basis_note`); NULL
--   means not yet said, which `reldb check` reports.

-- Child tables keep pointing at `states` while it is rebuilt; the rows are checked at commit.
PRAGMA defer_foreign_keys = ON;

-- Renaming first rewrites every `REFERENCES states (iso2)` and every view to `code`.
ALTER TABLE states RENAME COLUMN iso2 TO code;
CREATE TEMP TABLE states_before_v3 AS SELECT * FROM states;
DROP TABLE states;

-- Every state and territory the records name since 1776: UN members and observers, former
-- states, and dependencies that visits and consulates go to.
CREATE TABLE states (
    -- reldb's code of the state, which every other table uses (see the header of this file):
    -- ISO 3166-1 alpha-2 (TJ), else ISO 3166-3 (SUHH), else 'X-' and the gazetteer id.
    code TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z]' OR code GLOB '[A-Z][A-Z][A-Z][A-Z]' OR (code GLOB 'X-[A-Z0-9]*' AND code NOT GLOB '*[^A-Z0-9-]*')),
    -- ISO 3166-1 alpha-2 code, for a state that has one in force; NULL otherwise.
    iso2 TEXT UNIQUE CHECK (iso2 IS NULL OR iso2 GLOB '[A-Z][A-Z]'),
    -- ISO 3166-1 alpha-3 code (TJK, AZE); former alpha-3 for a former state.
    iso3 TEXT UNIQUE CHECK (iso3 IS NULL OR iso3 GLOB '[A-Z][A-Z][A-Z]'),
    -- ISO 3166-1 numeric code as three digits ('031'); NULL where ISO assigns none.
    iso_numeric TEXT CHECK (iso_numeric IS NULL OR iso_numeric GLOB '[0-9][0-9][0-9]'),
    -- Gleditsch-Ward state number, where the state has one (the key of many data sets of
    -- international relations). Several eras of one polity may share it.
    gw_code INTEGER CHECK (gw_code IS NULL OR gw_code BETWEEN 1 AND 999),
    -- Correlates of War state number (ccode), where a cited source gives one.
    cow_code INTEGER CHECK (cow_code IS NULL OR cow_code BETWEEN 1 AND 999),
    -- Common short English name (not unique: Germany is the name of several states in time).
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- Full official name.
    official_name TEXT,
    -- un_member, un_observer, non_member (sovereign, not in the UN), former, territory
    -- (a dependency or area of special sovereignty).
    status TEXT NOT NULL CHECK (status IN ('un_member', 'un_observer', 'non_member', 'former', 'territory')),
    -- 1 for a sovereign state, 0 for a territory.
    sovereign INTEGER NOT NULL CHECK (sovereign IN (0, 1)),
    -- First and last day (or month, or year) the state existed as such (NULL = before 1776 /
    -- still exists).
    existed_from TEXT CHECK (existed_from IS NULL OR existed_from GLOB '[0-9][0-9][0-9][0-9]' OR (existed_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(existed_from, 6, 2) BETWEEN '01' AND '12') OR (existed_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(existed_from, '+0 days') IS existed_from)),
    existed_until TEXT CHECK (existed_until IS NULL OR existed_until GLOB '[0-9][0-9][0-9][0-9]' OR (existed_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(existed_until, 6, 2) BETWEEN '01' AND '12') OR (existed_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(existed_until, '+0 days') IS existed_until)),
    -- The source of the years of existence and the codes.
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    CHECK (existed_until IS NULL OR existed_from IS NULL OR existed_until >= substr(existed_from, 1, length(existed_until)))
) STRICT;
CREATE INDEX states_by_gw_code ON states (gw_code);
CREATE INDEX states_by_cow_code ON states (cow_code);
CREATE INDEX states_by_name ON states (name);

INSERT INTO states (code, iso2, iso3, iso_numeric, name, official_name, status, sovereign, existed_from, existed_until, note)
SELECT code, CASE WHEN length(code) = 2 AND code <> 'XK' THEN code END, iso3, iso_numeric, name, official_name, status, sovereign, existed_from, existed_until, note
FROM states_before_v3;
DROP TABLE states_before_v3;

-- The eras of a state, as the Office of the Historian's gazetteer divides it: a new entry
-- whenever its name or type changed (albania-1946, peoples-republic-of-albania-1976, albania).
CREATE TABLE state_eras (
    -- The gazetteer's id of the entry, which the Office's other records use: lower case,
    -- but for the few unfinished entries whose id ends in '-TBD'.
    gsh_id TEXT PRIMARY KEY CHECK (gsh_id GLOB '[a-z0-9]*' AND gsh_id NOT GLOB '*[^a-zA-Z0-9-]*'),
    state TEXT NOT NULL REFERENCES states (code),
    short_name TEXT NOT NULL CHECK (length(trim(short_name)) > 0),
    long_name TEXT,
    -- independent_state, or dependency (a dependency or area of special sovereignty); NULL
    -- where the gazetteer gives no type.
    kind TEXT CHECK (kind IS NULL OR kind IN ('independent_state', 'dependency')),
    -- The years (or days) of the era.
    began_on TEXT CHECK (began_on IS NULL OR began_on GLOB '[0-9][0-9][0-9][0-9]' OR (began_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(began_on, 6, 2) BETWEEN '01' AND '12') OR (began_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(began_on, '+0 days') IS began_on)),
    ended_on TEXT CHECK (ended_on IS NULL OR ended_on GLOB '[0-9][0-9][0-9][0-9]' OR (ended_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(ended_on, 6, 2) BETWEEN '01' AND '12') OR (ended_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(ended_on, '+0 days') IS ended_on)),
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    CHECK (ended_on IS NULL OR began_on IS NULL OR ended_on >= substr(began_on, 1, length(ended_on)))
) STRICT;
CREATE INDEX state_eras_by_state ON state_eras (state);

-- Who succeeded whom: one row per predecessor and successor state.
CREATE TABLE state_successions (
    predecessor TEXT NOT NULL REFERENCES states (code),
    successor TEXT NOT NULL REFERENCES states (code),
    -- When the successor took over (the year, where that is all the source gives).
    succeeded_on TEXT CHECK (succeeded_on IS NULL OR succeeded_on GLOB '[0-9][0-9][0-9][0-9]' OR (succeeded_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(succeeded_on, 6, 2) BETWEEN '01' AND '12') OR (succeeded_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(succeeded_on, '+0 days') IS succeeded_on)),
    -- independence (of a part), secession, split, split_and_merger, merger, absorption,
    -- annexation, rename, loss_of_independence, dissolution, unification; NULL where unknown.
    kind TEXT CHECK (kind IS NULL OR kind IN ('independence', 'secession', 'split', 'split_and_merger', 'merger', 'absorption', 'annexation', 'rename', 'loss_of_independence', 'dissolution', 'unification')),
    source_id INTEGER REFERENCES sources (id),
    basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred')),
    basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred'),
    note TEXT,
    PRIMARY KEY (predecessor, successor),
    CHECK (predecessor <> successor)
) STRICT;
CREATE INDEX state_successions_by_successor ON state_successions (successor);

-- A state that was for a time a constituent part of another (the Tajik SSR of the Soviet
-- Union, Bavaria of the German Empire): a name of the part used in those years means the part,
-- inside the whole.
CREATE TABLE state_parts (
    state TEXT NOT NULL REFERENCES states (code),
    part_of TEXT NOT NULL REFERENCES states (code),
    -- The part's name in those years ('Tajik Soviet Socialist Republic'), where known.
    name TEXT,
    part_from TEXT NOT NULL CHECK (part_from GLOB '[0-9][0-9][0-9][0-9]' OR (part_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(part_from, 6, 2) BETWEEN '01' AND '12') OR (part_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(part_from, '+0 days') IS part_from)),
    part_until TEXT CHECK (part_until IS NULL OR part_until GLOB '[0-9][0-9][0-9][0-9]' OR (part_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(part_until, 6, 2) BETWEEN '01' AND '12') OR (part_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(part_until, '+0 days') IS part_until)),
    source_id INTEGER REFERENCES sources (id),
    basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred')),
    basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred'),
    note TEXT,
    PRIMARY KEY (state, part_of, part_from),
    CHECK (state <> part_of),
    CHECK (part_until IS NULL OR part_from IS NULL OR part_until >= substr(part_from, 1, length(part_until)))
) STRICT;
CREATE INDEX state_parts_by_part_of ON state_parts (part_of);

-- state_aliases gains the gazetteer's short and long names, a name borne twice (Albania in
-- 1912-1946 and since 1991, hence an id), and a source.
CREATE TEMP TABLE state_aliases_before_v3 AS SELECT * FROM state_aliases;
DROP TABLE state_aliases;
-- Names of a state: variants, former names, official forms, and the short and long names of
-- each era. reldb matches them case- and accent-insensitively wherever a state is named.
CREATE TABLE state_aliases (
    -- A number for the row, so that a name borne in two periods is two rows.
    id INTEGER PRIMARY KEY,
    alias TEXT NOT NULL CHECK (length(trim(alias)) > 0),
    state TEXT NOT NULL REFERENCES states (code),
    -- The years in which the name meant this state (NULL: no limit on that side).
    valid_from TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]' OR (valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(valid_from, 6, 2) BETWEEN '01' AND '12') OR (valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(valid_from, '+0 days') IS valid_from)),
    valid_until TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[0-9][0-9][0-9][0-9]' OR (valid_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(valid_until, 6, 2) BETWEEN '01' AND '12') OR (valid_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(valid_until, '+0 days') IS valid_until)),
    -- variant, former_name, official_name, abbreviation, short_name and long_name (an era's
    -- names in the gazetteer).
    kind TEXT NOT NULL DEFAULT 'variant' CHECK (kind IN ('variant', 'former_name', 'official_name', 'abbreviation', 'short_name', 'long_name')),
    source_id INTEGER REFERENCES sources (id),
    note TEXT,
    CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= substr(valid_from, 1, length(valid_until)))
) STRICT;
CREATE INDEX state_aliases_by_state ON state_aliases (state);
-- A name is given to a state once per period (NULL valid_from counts as one period).
CREATE UNIQUE INDEX state_aliases_once ON state_aliases (alias, state, coalesce(valid_from, ''));
INSERT INTO state_aliases (alias, state, valid_from, valid_until, kind, note)
SELECT alias, state, valid_from, valid_until, kind, note FROM state_aliases_before_v3;
DROP TABLE state_aliases_before_v3;

-- How each fact is known.
ALTER TABLE relations ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE relations ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');
ALTER TABLE missions ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE missions ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');
ALTER TABLE memberships ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE memberships ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');
ALTER TABLE visits ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE visits ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');
ALTER TABLE agreements ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE agreements ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');
ALTER TABLE agreement_counts ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE agreement_counts ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');
ALTER TABLE cooperation ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE cooperation ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');

-- The links between facts carry their own source and basis: a party, a sector, a counted sphere.
ALTER TABLE agreement_parties ADD COLUMN source_id INTEGER REFERENCES sources (id);
ALTER TABLE agreement_parties ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE agreement_parties ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');
ALTER TABLE agreement_sectors ADD COLUMN source_id INTEGER REFERENCES sources (id);
ALTER TABLE agreement_sectors ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE agreement_sectors ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');
ALTER TABLE agreement_count_sectors ADD COLUMN source_id INTEGER REFERENCES sources (id);
ALTER TABLE agreement_count_sectors ADD COLUMN basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred'));
ALTER TABLE agreement_count_sectors ADD COLUMN basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred');

-- The link of an agreement or a line of cooperation to a visit has its own basis: the source
-- may say it was signed during the visit (stated), or reldb may only place it there (inferred,
-- the reasoning in basis_note).
ALTER TABLE agreements ADD COLUMN visit_basis TEXT CHECK (visit_basis IS NULL OR visit_basis IN ('stated', 'inferred'));
ALTER TABLE cooperation ADD COLUMN visit_basis TEXT CHECK (visit_basis IS NULL OR visit_basis IN ('stated', 'inferred'));
