DROP EXTENSION {{ name }};
