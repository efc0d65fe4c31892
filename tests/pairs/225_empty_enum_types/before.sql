CREATE TYPE color AS ENUM ();
CREATE TYPE size AS ENUM ('small');
CREATE TABLE shirts (id integer, c color);
