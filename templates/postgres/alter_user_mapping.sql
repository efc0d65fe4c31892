ALTER USER MAPPING FOR {{ user }} SERVER {{ server }} OPTIONS ({{ options | join(sep=", ") }});
