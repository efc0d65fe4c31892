CREATE PUBLICATION {{ name }}{% if objects %} FOR {{ objects | join(sep=", ") }}{% endif %}{% if options %} WITH ({{ options | join(sep=", ") }}){% endif %};
{%- if comments %}{% include "postgres/_comments.sql" %}{% endif %}
