-- Nothing yet: the partitions below are created with column options of their own.
CREATE TABLE unrelated (id integer PRIMARY KEY);
