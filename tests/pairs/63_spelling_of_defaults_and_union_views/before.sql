CREATE TABLE gl (id integer PRIMARY KEY, reference text, approved boolean DEFAULT 't');
