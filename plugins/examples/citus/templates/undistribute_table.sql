SELECT undistribute_table({{ table | ident | literal }});
