{%- if build.idempotent -%}
DO $migrator$ BEGIN IF to_regtype({{ name | literal }}) IS NULL THEN
{% endif -%}
CREATE DOMAIN {{ name }} AS {{ type }}{% if collation %} COLLATE {{ collation }}{% endif %}{% if default %} DEFAULT {{ default }}{% endif %}{% if not_null %} NOT NULL{% endif %}
{%- for k in checks %}
    CONSTRAINT {{ k.name }} CHECK ({{ k.expr }})
{%- endfor %};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}
