DROP {{ kind }} {% if build.idempotent or if_exists %}IF EXISTS {% endif %}{{ signature }};
