DROP PUBLICATION {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
