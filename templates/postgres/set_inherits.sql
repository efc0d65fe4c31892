{%- for p in removed %}
ALTER TABLE {{ table }} NO INHERIT {{ p }};
{%- endfor %}
{%- for p in added %}
ALTER TABLE {{ table }} INHERIT {{ p }};
{%- endfor %}
