-- A source created with the rows that cite it (reldb import/add/update --new-source).
INSERT INTO sources (title, publisher, address, published_on)
VALUES (?1, ?2, ?3, ?4);
