CREATE SCHEMA app;
CREATE TABLE public.shared (id int PRIMARY KEY);
