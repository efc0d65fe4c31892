-- Parameter names that need quotes (upper case, a keyword) keep them in the migration.
CREATE TABLE t ("Id" int, "Value" text);
CREATE FUNCTION "Weird Name"("In" int) RETURNS int LANGUAGE sql AS $$ SELECT "In" $$;
COMMENT ON FUNCTION "Weird Name"(int) IS 'it''s weird';
CREATE FUNCTION pick("Id" int, "select" text DEFAULT 'x') RETURNS TABLE ("Id" int, "Value" text)
LANGUAGE sql STABLE AS $$ SELECT t."Id", t."Value" FROM t WHERE t."Id" = pick."Id" $$;
CREATE FUNCTION atomic("Out" int) RETURNS int LANGUAGE sql RETURN "Out" + 1;
CREATE PROCEDURE put("New Id" int, INOUT "Result" int) LANGUAGE plpgsql AS $$ BEGIN "Result" := "New Id"; END $$;
