{%- if detach_from %}
{%- if build.idempotent %}DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ table | literal }}) AND inhparent = to_regclass({{ detach_from | literal }})) THEN
{% endif -%}
ALTER TABLE {{ detach_from }} DETACH PARTITION {{ table }};
{%- if build.idempotent %}
END IF; END $migrator$;{% endif %}
{%- endif %}
{%- if attach_to %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ table | literal }}) AND inhparent = to_regclass({{ attach_to | literal }})) THEN
{%- endif %}
ALTER TABLE {{ attach_to }} ATTACH PARTITION {{ table }} {{ bound }};
{%- if build.idempotent %}
END IF; END $migrator$;{% endif %}
{%- endif %}