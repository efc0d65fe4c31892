//! Reading this kind from the live catalog.
