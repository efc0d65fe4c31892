ALTER FOREIGN TABLE {{ table }} OPTIONS ({{ options | join(sep=", ") }});
