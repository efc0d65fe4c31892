CREATE SEQUENCE shared_ids;
CREATE TABLE a (id bigint PRIMARY KEY DEFAULT nextval('shared_ids'));
