SELECT create_reference_table({{ table | ident | literal }});
