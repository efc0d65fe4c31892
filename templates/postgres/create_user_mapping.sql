CREATE USER MAPPING {% if build.idempotent %}IF NOT EXISTS {% endif %}FOR {{ user }} SERVER {{ server }}{% if options %} OPTIONS ({{ options | join(sep=", ") }}){% endif %};
