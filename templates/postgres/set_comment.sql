COMMENT ON {{ on }} {{ target }} IS {{ text }};
