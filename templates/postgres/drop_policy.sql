DROP POLICY {{ name }} ON {{ table }};
