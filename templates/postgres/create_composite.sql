{%- if build.idempotent -%}
DO $migrator$ BEGIN IF to_regtype({{ name | literal }}) IS NULL THEN
{% endif -%}
CREATE TYPE {{ name }} AS ({{ attributes | join(sep=", ") }});
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}
