CREATE SEQUENCE invoice_no;
CREATE SEQUENCE temp_seq AS integer START 5;
CREATE TABLE invoices (id integer PRIMARY KEY, no bigint);
CREATE SEQUENCE counter_seq INCREMENT BY 2;
