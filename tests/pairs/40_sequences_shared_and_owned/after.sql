CREATE SEQUENCE shared_ids;
CREATE TABLE a (id bigint PRIMARY KEY DEFAULT nextval('shared_ids'));
CREATE TABLE b (id bigint PRIMARY KEY DEFAULT nextval('shared_ids'), n serial);
CREATE SCHEMA other;
CREATE SEQUENCE other.counter AS smallint MAXVALUE 1000 CYCLE;
CREATE TABLE other.c (id smallint DEFAULT nextval('other.counter'));
