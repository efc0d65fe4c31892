{% if revoked %}GRANT {{ privilege }}{{ columns }} ON {{ on }} {{ target }} TO {{ grantee }};{% else %}REVOKE {{ privilege }}{{ columns }} ON {{ on }} {{ target }} FROM {{ grantee }};{% endif %}
