-- PostgreSQL drops a repeated PRIMARY KEY / UNIQUE inside CREATE TABLE before it names
-- anything: the survivor is named as if it were alone (`…_key`, not `…_key1`, which also
-- changes where a long name is cut), and an unnamed survivor takes a dropped one's name.
CREATE TABLE "t_x_very_long_identifier_that_is_close_to_the_sixty_three_byte_" (
    "café" timestamp DEFAULT now() NOT NULL,
    UNIQUE ("café"),
    UNIQUE ("café")
);

CREATE TABLE public.plain (
    id integer PRIMARY KEY,
    code text,
    UNIQUE (code),
    CONSTRAINT plain_code_named UNIQUE (code),
    UNIQUE (id)
);
