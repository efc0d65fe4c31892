DROP INDEX {% if concurrently %}CONCURRENTLY {% endif %}{% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
