{%- if version %}ALTER EXTENSION {{ name }} UPDATE TO {{ version | literal }};{% endif %}
{%- if schema %}
ALTER EXTENSION {{ name }} SET SCHEMA {{ schema }};{% endif %}
