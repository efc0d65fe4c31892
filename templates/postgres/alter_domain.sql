{%- for a in actions %}
ALTER DOMAIN {{ name }} {{ a }};
{%- endfor %}
