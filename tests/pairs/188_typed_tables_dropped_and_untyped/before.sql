-- Typed tables that the upgrade drops, unties from their type, or moves to another type.
CREATE TYPE person AS (id integer, name text);
CREATE TABLE people OF person (id WITH OPTIONS PRIMARY KEY);
CREATE TABLE guests OF person (name WITH OPTIONS DEFAULT 'anonymous');

CREATE TYPE pet AS (name text, species text);
CREATE TABLE pets OF pet (name WITH OPTIONS NOT NULL);
