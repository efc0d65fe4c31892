{%- if build.idempotent -%}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = to_regclass({{ table | literal }}) AND tgname = {{ raw_name | literal }}) THEN
{% endif -%}
{{ definition }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}
