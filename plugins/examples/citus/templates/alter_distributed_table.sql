SELECT alter_distributed_table({{ table | ident | literal }}, distribution_column := {{ column | literal }}{% if colocate_with %}, colocate_with := {{ colocate_with | ident | literal }}{% endif %});
