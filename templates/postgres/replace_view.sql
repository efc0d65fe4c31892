{%- if in_place -%}
CREATE OR REPLACE VIEW {{ name }}{% if options %} WITH {{ options }}{% endif %} AS
{{ query }};
{%- else -%}
DROP VIEW {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
CREATE VIEW {{ name }}{% if options %} WITH {{ options }}{% endif %} AS
{{ query }};
{%- include "postgres/_view_defaults.sql" %}
{%- include "postgres/_comments.sql" %}
{%- endif %}
