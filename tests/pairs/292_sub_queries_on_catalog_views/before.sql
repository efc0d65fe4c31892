CREATE TABLE documents (id integer PRIMARY KEY, owner_id oid NOT NULL, body text);
