//! The PWE analysis: reads the service's export and turns it into figures, a
//! choice model and a report (polars, statrs).
//!
//! Not built yet: the crate exists so the workspace has its final shape. See
//! ARCHITECTURE.md for what it will and will not depend on.
