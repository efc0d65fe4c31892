CREATE TABLE fizz (id int);
