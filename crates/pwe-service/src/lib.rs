//! The PWE service: hands out invitation codes, collects drafts and submissions,
//! exports responses (axum, tokio, sqlx).
//!
//! Not built yet: the crate exists so the workspace has its final shape. See
//! ARCHITECTURE.md for what it will and will not depend on.
