ALTER TYPE {{ name }} SET ({{ options | join(sep=", ") }});
{%- for c in columns %}
ALTER TABLE {{ c.table }} ALTER COLUMN {{ c.column }} SET STORAGE {{ storage }};
{%- endfor %}
