-- reldb schema, version 6: the Correlates of War and Gleditsch-Ward numbers of a state, by era.
--
-- A state's number is not one number for all time: the Correlates of War (COW) and
-- Gleditsch-Ward (GW) lists number states as they code them, and their states are not always
-- reldb's. Gleditsch-Ward number the Democratic Republic of Vietnam and unified Vietnam 816, which
-- reldb keeps as two states; COW numbers the Soviet Union as Russia (365) and China 710 from the
-- Qing to the People's Republic. So each number is a row with the days it names the state, cut
-- from the list's own spans to the state's eras (data/states/state_numbers_map.csv says which
-- state each span of the lists is, and why). `gw:816 --on 1970` is the Democratic Republic,
-- `gw:816` today Vietnam. `states.gw_code` and `states.cow_code` keep the number of the state's
-- latest span, for the queries people already wrote.

-- A state's Correlates of War or Gleditsch-Ward number over the days it names the state: one
-- row per span of the lists, cut to the state's eras (Gleditsch-Ward 816 is the Democratic
-- Republic of Vietnam's until 1976 and Vietnam's after).
CREATE TABLE state_numbers (
    state TEXT NOT NULL REFERENCES states (code),
    -- 'cow' (Correlates of War, State System Membership) or 'gw' (Gleditsch and Ward's list of
    -- independent states).
    system TEXT NOT NULL CHECK (system IN ('cow', 'gw')),
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 999),
    -- The first and last day the number names this state (NULL last day: still). The lists' own
    -- days are membership of the state system as each codes it, not always independence.
    number_from TEXT NOT NULL CHECK (number_from GLOB '[0-9][0-9][0-9][0-9]' OR (number_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(number_from, 6, 2) BETWEEN '01' AND '12') OR (number_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(number_from, '+0 days') IS number_from)),
    number_until TEXT CHECK (number_until IS NULL OR number_until GLOB '[0-9][0-9][0-9][0-9]' OR (number_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(number_until, 6, 2) BETWEEN '01' AND '12') OR (number_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(number_until, '+0 days') IS number_until)),
    -- The list the number comes from (seed: 8 COW, 9 Gleditsch-Ward).
    source_id INTEGER REFERENCES sources (id),
    -- stated: the list's own span; inferred: a span reldb cut to the state's eras or divided
    -- between two of reldb's states, with the reasoning in basis_note.
    basis TEXT CHECK (basis IS NULL OR basis IN ('stated', 'inferred')),
    basis_note TEXT CHECK (basis_note IS NOT NULL OR basis IS NOT 'inferred'),
    note TEXT,
    PRIMARY KEY (system, number, number_from),
    CHECK (number_until IS NULL OR number_until >= substr(number_from, 1, length(number_until)))
) STRICT;
CREATE INDEX state_numbers_by_state ON state_numbers (state);
