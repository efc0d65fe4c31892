CREATE TABLE readings (id int PRIMARY KEY, value numeric);
CREATE TYPE unit AS ENUM ('c', 'f');
