{%- if build.idempotent and schema -%}
DO $migrator$ BEGIN IF to_regnamespace({{ schema | ident | literal }}) IS NOT NULL THEN
{% endif -%}
ALTER DEFAULT PRIVILEGES{{ scope }} {% if revoked %}REVOKE {{ privilege }} ON {{ on }} FROM {{ grantee }};{% else %}GRANT {{ privilege }} ON {{ on }} TO {{ grantee }}{% if with_grant_option %} WITH GRANT OPTION{% endif %};{% endif %}
{%- if build.idempotent and schema %}
END IF; END $migrator$;
{%- endif %}
