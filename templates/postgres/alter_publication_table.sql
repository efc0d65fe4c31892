{% if dropped %}{% if build.idempotent %}DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid WHERE p.pubname = {{ raw_name | literal }} AND r.prrelid = to_regclass({{ table | literal }})) THEN
{% endif %}ALTER PUBLICATION {{ name }} DROP TABLE {{ dropped }};{% if build.idempotent %}
END IF; END $migrator$;{% endif %}{% endif %}{% if dropped and added %}
{% endif %}{% if added %}{% if build.idempotent %}DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid WHERE p.pubname = {{ raw_name | literal }} AND r.prrelid = to_regclass({{ table | literal }})) THEN
{% endif %}ALTER PUBLICATION {{ name }} ADD {{ added }};{% if build.idempotent %}
END IF; END $migrator$;{% endif %}{% endif %}
