{%- if build.idempotent -%}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_operator WHERE oid = to_regoperator({{ signature | literal }}) AND oprcode <> 0) THEN
{% endif -%}
{{ definition }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}
