{%- if build.idempotent and on in ["TABLE", "SEQUENCE", "FUNCTION", "PROCEDURE", "SCHEMA"] -%}
DO $migrator$ BEGIN IF {% if on == "SCHEMA" %}to_regnamespace{% elif on == "FUNCTION" or on == "PROCEDURE" %}to_regprocedure{% else %}to_regclass{% endif %}({{ target | literal }}) IS NOT NULL THEN
{% endif -%}
{% if revoked %}GRANT {{ privilege }}{{ columns }} ON {{ on }} {{ target }} TO {{ grantee }};{% else %}REVOKE {{ privilege }}{{ columns }} ON {{ on }} {{ target }} FROM {{ grantee }};{% endif %}
{%- if build.idempotent and on in ["TABLE", "SEQUENCE", "FUNCTION", "PROCEDURE", "SCHEMA"] %}
END IF; END $migrator$;
{%- endif %}
