-- A table given a second parent by INHERIT after its CREATE TABLE keeps its columns in
-- place and its own: it is created with the first parent and linked to the second after,
-- as the file does. Gaining a parent, a table declares the parent's columns itself.
CREATE TABLE p1 (a int, shared text);
CREATE TABLE p2 (b int, shared text);
CREATE TABLE c (x int) INHERITS (p1);
CREATE TABLE e (z int, b int, shared text);
ALTER TABLE e INHERIT p2;
