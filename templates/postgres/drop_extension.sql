DROP EXTENSION {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
