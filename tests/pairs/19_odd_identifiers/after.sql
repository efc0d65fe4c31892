CREATE SCHEMA "Weird Schema";
CREATE TYPE "Weird Schema"."Mood Type" AS ENUM ('it''s ok', 'Ünïcode');
CREATE TABLE "user" (id integer PRIMARY KEY, "order" integer, "Select" text, "has space" text, "quo""te" text);
CREATE TABLE "Weird Schema"."MixedCase" (
    "ID" integer PRIMARY KEY,
    "user_id" integer REFERENCES "user" (id),
    "mood" "Weird Schema"."Mood Type" DEFAULT 'it''s ok',
    "café" text CHECK ("café" <> ''),
    "group" text UNIQUE
);
CREATE INDEX "Index With Space" ON "Weird Schema"."MixedCase" ("café", "group");
COMMENT ON COLUMN "user"."quo""te" IS 'a "quoted" comment';
