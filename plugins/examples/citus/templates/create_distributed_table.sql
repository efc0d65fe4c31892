SELECT create_distributed_table({{ table | ident | literal }}, {{ column | literal }}{% if colocate_with %}, colocate_with => {{ colocate_with | ident | literal }}{% endif %});
