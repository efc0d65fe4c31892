DROP SERVER {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
