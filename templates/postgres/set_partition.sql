{%- if detach_from %}ALTER TABLE {{ detach_from }} DETACH PARTITION {{ table }};{% endif %}
{%- if attach_to %}
ALTER TABLE {{ attach_to }} ATTACH PARTITION {{ table }} {{ bound }};{% endif %}
