ALTER TABLE {% if build.idempotent %}IF EXISTS {% endif %}{{ table }} DROP CONSTRAINT {% if build.idempotent %}IF EXISTS {% endif %}{{ constraint }};
{% include "postgres/create_index.sql" %}
