CREATE SCHEMA billing;
CREATE SCHEMA crm;

CREATE TABLE crm.accounts (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE billing.invoices (id integer PRIMARY KEY, total numeric NOT NULL);
