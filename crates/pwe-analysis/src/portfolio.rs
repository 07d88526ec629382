//! How a portfolio is named in tables, the summary and the model's output.

use pwe_core::Survey;

/// What an empty portfolio is called (the report translates it).
pub const NOTHING: &str = "(nothing)";

/// A portfolio by its options' ids joined with `+` (`id:level` for options
/// with levels), or [`NOTHING`].
pub fn describe(survey: &Survey, levels: &[u8]) -> String {
    let chosen: Vec<String> = survey
        .options()
        .iter()
        .zip(levels)
        .filter(|(_, l)| **l > 0)
        .map(|(o, l)| {
            if o.is_binary() {
                o.id.clone()
            } else {
                format!("{}:{l}", o.id)
            }
        })
        .collect();
    if chosen.is_empty() {
        NOTHING.into()
    } else {
        chosen.join("+")
    }
}
