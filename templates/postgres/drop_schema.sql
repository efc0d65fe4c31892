DROP SCHEMA {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
