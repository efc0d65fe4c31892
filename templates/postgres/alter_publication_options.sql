ALTER PUBLICATION {{ name }} SET ({{ options | join(sep=", ") }});
