{#- The shape of a statement that an idempotent migration guards: with `build.idempotent` it
    runs only while the `guard` block's condition holds, inside one DO $migrator$ block. The
    templates that extend this one fill `guard` and `statement`; the object's COMMENT ON
    statements, when the change has any, follow. -#}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF {% block guard %}{% endblock guard %} THEN
{%- endif %}
{% block statement %}{% endblock statement %}
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- if comments %}{% include "postgres/_comments.sql" %}{% endif %}
