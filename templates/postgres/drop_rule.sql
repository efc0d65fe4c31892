DROP RULE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }} ON {{ relation }};
