CREATE COLLATION {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }} ({{ options | join(sep=", ") }});
{%- if comments %}{% include "postgres/_comments.sql" %}{% endif %}
