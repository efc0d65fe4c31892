ALTER TYPE {{ name }} {{ actions | join(sep=", ") }};
