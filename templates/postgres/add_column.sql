{%- if guard_partition -%}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass({{ table | literal }}) AND attname = {{ raw_column | literal }} AND NOT attisdropped) THEN
ALTER TABLE {{ table }} ADD COLUMN {{ column.definition }};
END IF; END $migrator$;
{%- else -%}
ALTER TABLE {{ table }} ADD COLUMN {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ column.definition }};
{%- endif %}
{%- if column.storage %}
ALTER TABLE {{ table }} ALTER COLUMN {{ column.name }} SET STORAGE {{ column.storage }};
{%- endif %}
{%- for a in column.settings %}
ALTER TABLE {{ table }} ALTER COLUMN {{ column.name }} {{ a }};
{%- endfor %}
{%- include "postgres/_comments.sql" %}
