DROP TABLE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
