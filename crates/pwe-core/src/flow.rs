//! The steps a household passes on its way to submitting, in order: the
//! export's `stopped_at_<step>` columns, the service's drafts and the
//! reports' drop-off all use these names.

/// The steps, in order; a draft records the furthest one saved.
pub const STEPS: [&str; 7] = [
    "start",
    "info",
    "choice",
    "motivation",
    "background",
    "evaluation",
    "confirm",
];

/// Where a household stopped, by the furthest `step` saved (one of
/// [`STEPS`]): "bij de keuze" (the catalog's `stopped_at`).
pub fn stopped_at(step: &str, lang: crate::text::Lang) -> String {
    crate::words::words(lang).fill("stopped_at", &[("step", step.into())])
}
