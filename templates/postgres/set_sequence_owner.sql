ALTER SEQUENCE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }} OWNED BY {{ owner }};
