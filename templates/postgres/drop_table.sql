{%- if detach_from %}
{%- if build.idempotent %}DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ name | literal }}) AND inhparent = to_regclass({{ detach_from | literal }})) THEN
{% endif -%}
ALTER TABLE {{ detach_from }} DETACH PARTITION {{ name }};
{%- if build.idempotent %}
END IF; END $migrator$;{% endif %}
{% endif -%}
{%- if build.idempotent and kind_changes -%}
DO $migrator$ BEGIN IF (SELECT relkind FROM pg_class WHERE oid = to_regclass({{ name | literal }})) {% if foreign %}= 'f'{% else %}IN ('r', 'p'){% endif %} THEN
DROP {% if foreign %}FOREIGN {% endif %}TABLE {{ name }};
END IF; END $migrator$;
{%- else -%}
DROP {% if foreign %}FOREIGN {% endif %}TABLE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
{%- endif %}
