{%- if build.idempotent and schema -%}
DO $migrator$ BEGIN IF to_regnamespace({{ schema | ident | literal }}) IS NOT NULL THEN
{% endif -%}
ALTER DEFAULT PRIVILEGES{{ scope }} {% if revoked %}GRANT {{ privilege }} ON {{ on }} TO {{ grantee }};{% else %}REVOKE {{ privilege }} ON {{ on }} FROM {{ grantee }};{% endif %}
{%- if build.idempotent and schema %}
END IF; END $migrator$;
{%- endif %}
