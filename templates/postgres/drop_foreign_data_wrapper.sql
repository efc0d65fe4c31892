DROP FOREIGN DATA WRAPPER {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
