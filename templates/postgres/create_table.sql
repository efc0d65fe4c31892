{%- if partition_of -%}
CREATE {% if foreign %}FOREIGN {% elif unlogged %}UNLOGGED {% endif %}TABLE {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }} PARTITION OF {{ partition_of }}
{%- if constraints or not_null_options %} (
{%- for c in not_null_options %}
    {{ c }} WITH OPTIONS NOT NULL{% if not loop.last or constraints %},{% endif %}
{%- endfor %}
{%- for k in constraints %}
    CONSTRAINT {{ k.name }} {{ k.definition }}{% if not loop.last %},{% endif %}
{%- endfor %}
){%- endif %} {{ bound }}{% if foreign %} {{ foreign }}{% endif %}{% if partition_by %} PARTITION BY {{ partition_by }}{% endif %}{% if with %} WITH ({{ with | join(sep=", ") }}){% endif %};
{%- elif of_type -%}
CREATE {% if unlogged %}UNLOGGED {% endif %}TABLE {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }} OF {{ of_type }}
{%- if constraints or typed_options %} (
{%- for c in typed_options %}
    {{ c }}{% if not loop.last or constraints %},{% endif %}
{%- endfor %}
{%- for k in constraints %}
    CONSTRAINT {{ k.name }} {{ k.definition }}{% if not loop.last %},{% endif %}
{%- endfor %}
){%- endif %}{% if partition_by %} PARTITION BY {{ partition_by }}{% endif %}{% if with %} WITH ({{ with | join(sep=", ") }}){% endif %};
{%- else -%}
CREATE {% if foreign %}FOREIGN {% elif unlogged %}UNLOGGED {% endif %}TABLE {% if build.idempotent %}IF NOT EXISTS {% endif %}{{ name }} (
{%- for c in columns %}
    {{ c.definition }}{% if not loop.last or constraints %},{% endif %}
{%- endfor %}
{%- for k in constraints %}
    CONSTRAINT {{ k.name }} {{ k.definition }}{% if not loop.last %},{% endif %}
{%- endfor %}
){% if inherits %} INHERITS ({{ inherits | join(sep=", ") }}){% endif %}{% if foreign %} {{ foreign }}{% endif %}{% if partition_by %} PARTITION BY {{ partition_by }}{% endif %}{% if with %} WITH ({{ with | join(sep=", ") }}){% endif %};
{%- for p in attached %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_inherits WHERE inhrelid = to_regclass({{ name | literal }}) AND inhparent = to_regclass({{ p | literal }})) THEN
{%- endif %}
ALTER TABLE {{ name }} INHERIT {{ p }};
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endfor %}
{%- endif %}
{%- for k in not_valid_constraints %}
{%- if build.idempotent %}
DO $migrator$ BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass({{ name | literal }}) AND conname = {{ k.raw_name | literal }}) THEN
{%- endif %}
ALTER TABLE {{ name }} ADD CONSTRAINT {{ k.name }} {{ k.definition }} NOT VALID;
{%- if build.idempotent %}
END IF; END $migrator$;
{%- endif %}
{%- endfor %}
{%- for c in own_defaults %}
ALTER TABLE ONLY {{ name }} ALTER COLUMN {{ c.name }} {% if c.default %}SET DEFAULT {{ c.default }}{% else %}DROP DEFAULT{% endif %};
{%- endfor %}
{%- for c in columns %}{% if c.storage %}
ALTER TABLE {{ name }} ALTER COLUMN {{ c.name }} SET STORAGE {{ c.storage }};
{%- endif %}{% for a in c.settings %}
ALTER TABLE {{ name }} ALTER COLUMN {{ c.name }} {{ a }};
{%- endfor %}{% endfor %}
{%- if row_security %}
ALTER TABLE {{ name }} ENABLE ROW LEVEL SECURITY;
{%- endif %}
{%- if force_row_security %}
ALTER TABLE {{ name }} FORCE ROW LEVEL SECURITY;
{%- endif %}
{%- include "postgres/_comments.sql" %}
