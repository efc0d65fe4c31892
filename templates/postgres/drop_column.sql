ALTER TABLE {% if build.idempotent %}IF EXISTS {% endif %}{{ table }} DROP COLUMN {% if build.idempotent %}IF EXISTS {% endif %}{{ column }};
