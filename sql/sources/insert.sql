-- A source created with the rows that cite it (reldb import/add/update --new-source). Its id
-- is above every id of the seed (from 1000001, as for every row a user adds without an id), so
-- that a user's source never takes an id a later seed gives its own.
INSERT INTO sources (id, title, publisher, address, published_on)
VALUES ((SELECT max(coalesce(max(id), 0) + 1, 1000001) FROM sources), ?1, ?2, ?3, ?4);
