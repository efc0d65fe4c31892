{%- if actions %}
ALTER FOREIGN DATA WRAPPER {{ name }} {{ actions | join(sep=" ") }};
{%- endif %}
{%- if options %}
ALTER FOREIGN DATA WRAPPER {{ name }} OPTIONS ({{ options | join(sep=", ") }});
{%- endif %}
