{%- if detach_from %}
{%- if build.idempotent %}DO $migrator$ BEGIN IF EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ name | literal }}) AND inhparent = to_regclass({{ detach_from | literal }})) THEN
{% endif -%}
ALTER TABLE {{ detach_from }} DETACH PARTITION {{ name }};
{%- if build.idempotent %}
END IF; END $migrator$;{% endif %}
{% endif -%}
DROP {% if foreign %}FOREIGN {% endif %}TABLE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
