CREATE STATISTICS {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }}{% if kinds %} ({{ kinds | join(sep=", ") }}){% endif %} ON {{ items | join(sep=", ") }} FROM {{ table }};
{%- if target %}
ALTER STATISTICS {{ name }} SET STATISTICS {{ target }};
{%- endif %}
{%- if comments %}{% include "postgres/_comments.sql" %}{% endif %}
