CREATE TABLE emp (id integer PRIMARY KEY, "Dept" text, boss integer, salary numeric, hired date, kind integer);
CREATE TABLE dept (name text PRIMARY KEY);
CREATE VIEW v_case AS SELECT id FROM emp;
