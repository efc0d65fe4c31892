ALTER TABLE {{ table }} {{ actions | join(sep=", ") }};
