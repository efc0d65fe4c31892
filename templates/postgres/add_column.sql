ALTER TABLE {{ table }} ADD COLUMN {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ column.definition }};
{%- if column.storage %}
ALTER TABLE {{ table }} ALTER COLUMN {{ column.name }} SET STORAGE {{ column.storage }};
{%- endif %}
{%- for a in column.settings %}
ALTER TABLE {{ table }} ALTER COLUMN {{ column.name }} {{ a }};
{%- endfor %}
{%- include "postgres/_comments.sql" %}
