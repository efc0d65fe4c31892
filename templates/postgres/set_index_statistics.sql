{%- for s in statistics %}
ALTER INDEX {{ index }} ALTER COLUMN {{ s.column }} SET STATISTICS {{ s.target }};
{%- endfor %}
