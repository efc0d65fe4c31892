{%- if build.idempotent -%}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass({{ table | literal }}) AND conname = {{ constraint.raw_name | literal }}) THEN
{% endif -%}
ALTER TABLE {{ table }} ADD CONSTRAINT {{ constraint.name }} {{ constraint.definition }}{% if not_valid %} NOT VALID{% endif %};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}
