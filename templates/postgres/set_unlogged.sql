ALTER TABLE {{ table }} SET {% if unlogged %}UN{% endif %}LOGGED;
