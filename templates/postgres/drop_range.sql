DROP TYPE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
