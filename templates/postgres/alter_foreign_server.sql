{%- if version %}
ALTER SERVER {{ name }} VERSION {{ version }};
{%- endif %}
{%- if options %}
ALTER SERVER {{ name }} OPTIONS ({{ options | join(sep=", ") }});
{%- endif %}
