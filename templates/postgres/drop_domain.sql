DROP DOMAIN {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
