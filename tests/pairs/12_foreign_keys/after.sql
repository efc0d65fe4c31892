CREATE TABLE parents (id integer PRIMARY KEY, code text NOT NULL, region integer NOT NULL, UNIQUE (code, region));
CREATE TABLE children (
    id integer PRIMARY KEY,
    parent_id integer REFERENCES parents (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE,
    code text,
    region integer,
    FOREIGN KEY (code, region) REFERENCES parents (code, region) MATCH FULL ON DELETE RESTRICT,
    CONSTRAINT children_self_fkey FOREIGN KEY (id) REFERENCES children (id) DEFERRABLE INITIALLY DEFERRED
);
