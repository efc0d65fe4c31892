CREATE POLICY {{ name }} ON {{ table }} AS {{ as }} FOR {{ command }} TO {{ roles | join(sep=", ") }}
{%- if using %} USING ({{ using }}){% endif %}
{%- if with_check %} WITH CHECK ({{ with_check }}){% endif %};
{%- for c in comments %}
COMMENT ON {{ c.on }} {{ c.target }} IS {{ c.text }};
{%- endfor %}
