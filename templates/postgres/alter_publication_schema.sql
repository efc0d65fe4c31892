ALTER PUBLICATION {{ name }} {{ action }} TABLES IN SCHEMA {{ schema }};
