ALTER POLICY {{ name }} ON {{ table }} TO {{ roles | join(sep=", ") }}
{%- if using %} USING ({{ using }}){% endif %}
{%- if with_check %} WITH CHECK ({{ with_check }}){% endif %};
