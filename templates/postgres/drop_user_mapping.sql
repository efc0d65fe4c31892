DROP USER MAPPING {% if build.idempotent %}IF EXISTS {% endif %}FOR {{ user }} SERVER {{ server }};
