ALTER TABLE {{ table }} ALTER COLUMN {{ column }} DROP EXPRESSION{% if build.idempotent %} IF EXISTS{% endif %};
