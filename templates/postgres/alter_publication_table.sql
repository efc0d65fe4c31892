{% if dropped %}ALTER PUBLICATION {{ name }} DROP TABLE {{ dropped }};{% endif %}{% if dropped and added %}
{% endif %}{% if added %}ALTER PUBLICATION {{ name }} ADD {{ added }};{% endif %}
