CREATE SERVER {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }}{% if server_type %} TYPE {{ server_type }}{% endif %}{% if version %} VERSION {{ version }}{% endif %} FOREIGN DATA WRAPPER {{ wrapper }}{% if options %} OPTIONS ({{ options | join(sep=", ") }}){% endif %};
{%- if comments %}{% include "postgres/_comments.sql" %}{% endif %}
