//! Text from a file or a person, made safe where it is shown: one place for
//! every output that does not escape by itself.
//!
//! - [`html`]: HTML and SVG built by hand (the `/beheer` chart), for text
//!   and attribute values alike. askama escapes its templates' markup the
//!   same way; only what a template takes `|safe` must come through here.
//! - [`terminal`]: what `pwe` prints.
//! - Files for spreadsheets (the letters' mail-merge file) go through
//!   [`pwe_core::spreadsheet::neutralise`]; JSON is escaped by serde.
//!
//! The first two are `pwe_core::escape`'s, the rule the reports follow too:
//! control and bidi characters are shown as `\u{…}`, not sent.

pub use pwe_core::escape::{html, terminal};
