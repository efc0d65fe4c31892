//! DDL builders for this kind's change kinds.
