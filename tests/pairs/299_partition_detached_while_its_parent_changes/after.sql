-- readings gains a column while readings_2006 leaves without it: the detached table
-- drops the column it got from its parent after the detach (a partition cannot), and the
-- down file gives it back before the attach.
CREATE TABLE readings (sensor int NOT NULL, taken date NOT NULL, value int, unit text) PARTITION BY RANGE (taken);
CREATE TABLE readings_2006 (sensor int NOT NULL, taken date NOT NULL, value int);
CREATE TABLE readings_2007 PARTITION OF readings FOR VALUES FROM ('2007-01-01') TO ('2008-01-01');
