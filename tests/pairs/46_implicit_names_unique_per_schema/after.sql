CREATE TABLE x (id integer);
CREATE TABLE table_with_a_very_long_name_that_gets_truncated_by_postgres_one (id integer PRIMARY KEY, r integer REFERENCES table_with_a_very_long_name_that_gets_truncated_by_postgres_one, CHECK (r > 0));
CREATE TABLE table_with_a_very_long_name_that_gets_truncated_by_postgres_two (id integer PRIMARY KEY, r integer REFERENCES table_with_a_very_long_name_that_gets_truncated_by_postgres_two, CHECK (r > 0));
