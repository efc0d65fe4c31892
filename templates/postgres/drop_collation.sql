DROP COLLATION {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
