CREATE SCHEMA billing;
CREATE SCHEMA "Reporting";
CREATE TYPE billing.currency AS ENUM ('EUR', 'USD');
CREATE TABLE main_table (id integer PRIMARY KEY);
CREATE TABLE billing.invoices (
    id serial PRIMARY KEY,
    main_id integer NOT NULL REFERENCES public.main_table (id),
    currency billing.currency NOT NULL DEFAULT 'EUR'
);
CREATE TABLE "Reporting"."Daily" (invoice_id integer REFERENCES billing.invoices, total numeric);
CREATE INDEX ON "Reporting"."Daily" (invoice_id);
