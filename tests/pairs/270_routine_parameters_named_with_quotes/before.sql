CREATE TABLE t ("Id" int, "Value" text);
