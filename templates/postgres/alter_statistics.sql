ALTER STATISTICS {% if build.idempotent %}IF EXISTS {% endif %}{{ name }} SET STATISTICS {{ target }};
