CREATE TABLE p (id integer, CONSTRAINT p_pk PRIMARY KEY (id));
CREATE TABLE c (r integer REFERENCES p);
