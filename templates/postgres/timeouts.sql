SET LOCAL lock_timeout = {{ lock_timeout }};
SET LOCAL statement_timeout = {{ statement_timeout }};
