{%- if build.idempotent -%}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_policy WHERE polrelid = to_regclass({{ table | literal }}) AND polname = {{ raw_name | literal }}) THEN
{% endif -%}
CREATE POLICY {{ name }} ON {{ table }} AS {{ as }} FOR {{ command }} TO {{ roles | join(sep=", ") }}
{%- if using %} USING ({{ using }}){% endif %}
{%- if with_check %} WITH CHECK ({{ with_check }}){% endif %};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}
