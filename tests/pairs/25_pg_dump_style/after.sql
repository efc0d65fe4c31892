SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public.t0 (id integer);
CREATE TABLE public.widgets (
    id integer NOT NULL,
    name character varying(100) NOT NULL,
    parent_id integer
);
ALTER TABLE public.widgets OWNER TO postgres;
CREATE SEQUENCE public.widgets_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.widgets_id_seq OWNED BY public.widgets.id;
ALTER TABLE ONLY public.widgets ALTER COLUMN id SET DEFAULT nextval('public.widgets_id_seq'::regclass);
ALTER TABLE ONLY public.widgets
    ADD CONSTRAINT widgets_pkey PRIMARY KEY (id);
CREATE INDEX widgets_name_idx ON public.widgets USING btree (name);
ALTER TABLE ONLY public.widgets
    ADD CONSTRAINT widgets_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.widgets(id);
