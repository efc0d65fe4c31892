CREATE {% if build.idempotent %}OR REPLACE {% endif %}RULE {{ definition }};
