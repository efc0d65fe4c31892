DROP {{ kind }} {% if build.idempotent %}IF EXISTS {% endif %}{{ signature }};
