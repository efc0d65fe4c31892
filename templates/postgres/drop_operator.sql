DROP OPERATOR {% if build.idempotent %}IF EXISTS {% endif %}{{ signature }};
