DROP AGGREGATE {% if build.idempotent %}IF EXISTS {% endif %}{{ signature }};
