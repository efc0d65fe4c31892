DROP STATISTICS {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
