SET LOCAL check_function_bodies = off;
{%- if not in_place %}
DROP {{ old.kind }} {% if build.idempotent %}IF EXISTS {% endif %}{{ old.signature }};
{%- endif %}
{{ definition }};
{%- if not in_place %}
{%- include "postgres/_comments.sql" %}
{%- endif %}
