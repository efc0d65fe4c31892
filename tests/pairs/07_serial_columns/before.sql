CREATE TABLE old_log (id serial PRIMARY KEY, line text);
CREATE TABLE keep (id integer PRIMARY KEY);
