{%- if in_place -%}
CREATE OR REPLACE VIEW {{ name }} AS
{{ query }};
{%- else -%}
DROP VIEW {% if build.idempotent %}IF EXISTS {% endif %}{{ name }};
CREATE VIEW {{ name }} AS
{{ query }};
{%- include "postgres/_comments.sql" %}
{%- endif %}
