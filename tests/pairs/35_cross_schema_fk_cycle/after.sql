CREATE TABLE anchor (id integer PRIMARY KEY);
CREATE SCHEMA sales;
CREATE SCHEMA hr;
CREATE TABLE sales.teams (id integer PRIMARY KEY, lead_id integer);
CREATE TABLE hr.people (id integer PRIMARY KEY, team_id integer REFERENCES sales.teams, anchor_id integer REFERENCES anchor);
ALTER TABLE sales.teams ADD CONSTRAINT teams_lead_fk FOREIGN KEY (lead_id) REFERENCES hr.people (id);
