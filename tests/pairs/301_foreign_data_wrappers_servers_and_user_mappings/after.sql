-- Foreign data: a wrapper with a validator, servers with options, user mappings.
CREATE FOREIGN DATA WRAPPER checked VALIDATOR postgresql_fdw_validator;
CREATE FOREIGN DATA WRAPPER plain OPTIONS (debug 'true');
COMMENT ON FOREIGN DATA WRAPPER plain IS 'files on disk';

CREATE SERVER billing VERSION '15' FOREIGN DATA WRAPPER checked OPTIONS (host 'db2', port '5433');
COMMENT ON SERVER billing IS 'new billing';
CREATE USER MAPPING FOR PUBLIC SERVER billing OPTIONS (user 'writer', password 'secret');
CREATE USER MAPPING FOR CURRENT_USER SERVER billing OPTIONS (user 'owner');

CREATE SERVER archive TYPE 'files' FOREIGN DATA WRAPPER plain OPTIONS (root '/srv');

CREATE FOREIGN DATA WRAPPER coming;
CREATE SERVER coming_server FOREIGN DATA WRAPPER coming OPTIONS (mode 'ro');
ALTER SERVER coming_server OPTIONS (SET mode 'rw', ADD level '2');
