-- A key added after the partitions makes its columns NOT NULL in each of them, nested
-- ones too.
CREATE TABLE "Readings" ("Id" int, "Source" varchar(255)) PARTITION BY LIST ("Source");
CREATE TABLE readings_a PARTITION OF "Readings" FOR VALUES IN ('a');
CREATE TABLE readings_b PARTITION OF "Readings" FOR VALUES IN ('b') PARTITION BY LIST ("Id");
CREATE TABLE readings_b1 PARTITION OF readings_b FOR VALUES IN (1);
ALTER TABLE "Readings" ADD CONSTRAINT "READINGS_PK" PRIMARY KEY ("Source", "Id");
