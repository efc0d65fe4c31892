ALTER TABLE {% if build.idempotent %}IF EXISTS {% endif %}{% if only %}ONLY {% endif %}{{ table }} DROP COLUMN {% if build.idempotent %}IF EXISTS {% endif %}{{ column }};
