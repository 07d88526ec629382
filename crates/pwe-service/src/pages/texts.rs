//! The interface's own words: the pages read them from the one catalog in
//! pwe-core ([`pwe_core::words`]).

pub use pwe_core::words::{Words as Texts, words as texts};
