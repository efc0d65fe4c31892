//! Loading this kind from parsed SQL statements.
