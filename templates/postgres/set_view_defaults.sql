{%- for d in defaults %}
ALTER VIEW {{ view }} ALTER COLUMN {{ d.column }} {% if d.default %}SET DEFAULT {{ d.default }}{% else %}DROP DEFAULT{% endif %};
{%- endfor %}
