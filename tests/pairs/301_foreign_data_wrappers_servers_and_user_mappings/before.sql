-- Foreign data: a wrapper with a validator, servers with options, user mappings.
CREATE FOREIGN DATA WRAPPER checked VALIDATOR postgresql_fdw_validator;
CREATE FOREIGN DATA WRAPPER plain;

CREATE SERVER billing FOREIGN DATA WRAPPER checked OPTIONS (host 'db1', dbname 'billing');
COMMENT ON SERVER billing IS 'old billing';
CREATE USER MAPPING FOR PUBLIC SERVER billing OPTIONS (user 'reader');

CREATE SERVER archive TYPE 'files' FOREIGN DATA WRAPPER plain OPTIONS (root '/srv');
CREATE USER MAPPING FOR CURRENT_USER SERVER archive;

CREATE FOREIGN DATA WRAPPER going;
CREATE SERVER going_server FOREIGN DATA WRAPPER going;
