DROP DOMAIN {{ name }};
