DROP TRIGGER {% if build.idempotent %}IF EXISTS {% endif %}{{ name }} ON {{ table }};
