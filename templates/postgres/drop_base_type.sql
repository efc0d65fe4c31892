{#- CASCADE: the I/O functions depend on the type and it on them. -#}
DROP TYPE {% if build.idempotent %}IF EXISTS {% endif %}{{ name }} CASCADE;
