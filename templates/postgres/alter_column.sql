{%- for a in actions %}
ALTER TABLE {{ table }} ALTER COLUMN {{ column }} {{ a }};
{%- endfor %}
