{#- Bodies are checked when called, not when created, so functions can come before tables. -#}
SET LOCAL check_function_bodies = off;
{{ definition }};
{%- include "postgres/_comments.sql" %}
