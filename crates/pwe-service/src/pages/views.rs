//! What each page shows: the data its template renders.

use askama::Template;

use super::texts::Texts;

/// What every page has.
pub struct Common {
    /// The interface's words in the page's language.
    pub t: &'static Texts,
    /// The language code (`nl`, `en`) for `<html lang>`.
    pub lang: &'static str,
    /// The page's title.
    pub title: String,
    /// The consultation's title.
    pub survey_title: String,
    /// The same page in the other language.
    pub switch_href: String,
    /// The CSRF token of the page's forms.
    pub csrf: String,
    /// Step n of m, on the steps of the flow.
    pub step: Option<(usize, usize)>,
}

/// A problem shown at the top of a form, linked to its field.
pub struct ErrorLine {
    /// The id of the field it is about.
    pub anchor: Option<String>,
    /// What is wrong.
    pub text: String,
}

#[derive(Template)]
#[template(path = "landing.html")]
pub struct Landing {
    pub c: Common,
    pub errors: Vec<ErrorLine>,
    pub organiser: String,
    pub opens: String,
    pub closes: String,
    pub privacy: String,
    pub typed: String,
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub c: Common,
    pub paragraphs: Vec<String>,
    pub receipt: Option<String>,
    pub next_steps: Option<String>,
}

#[derive(Template)]
#[template(path = "info.html")]
pub struct InfoPage {
    pub c: Common,
    pub number: usize,
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// One level of an option on its card.
pub struct LevelView {
    pub level: u8,
    pub label: String,
    pub cost: String,
    pub effects: String,
    pub checked: bool,
}

/// An option's card.
pub struct OptionView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub more_info: Option<String>,
    pub group_note: Option<String>,
    pub binary: bool,
    pub chosen: u8,
    pub levels: Vec<LevelView>,
}

/// The budget meter.
pub struct MeterView {
    pub budget: String,
    pub spent: String,
    pub remaining: String,
    pub tax_change: Option<String>,
    pub effects: Vec<(String, String)>,
    pub messages: Vec<String>,
}

#[derive(Template)]
#[template(path = "choice.html")]
pub struct ChoicePage {
    pub c: Common,
    pub errors: Vec<ErrorLine>,
    pub options: Vec<OptionView>,
    pub meter: MeterView,
}

/// The meter alone, for the live update.
#[derive(Template)]
#[template(path = "meter.html")]
pub struct MeterFragment {
    pub c: Common,
    pub meter: MeterView,
}

/// A motivation box.
pub struct MotivationView {
    pub id: String,
    pub title: String,
    pub chosen: bool,
    pub prompt: String,
    pub required: bool,
    pub max_length: u32,
    pub text: String,
}

#[derive(Template)]
#[template(path = "motivation.html")]
pub struct MotivationPage {
    pub c: Common,
    pub errors: Vec<ErrorLine>,
    pub motivations: Vec<MotivationView>,
}

/// A question on the background or evaluation page.
pub struct QuestionView {
    /// The form field's name and id.
    pub name: String,
    /// `radio`, `checkbox`, `number` or `text`.
    pub kind: &'static str,
    pub text: String,
    pub required: bool,
    /// For choices: (value, label, checked).
    pub choices: Vec<(String, String, bool)>,
    pub value: String,
    pub min: i64,
    pub max: i64,
    pub max_length: u32,
}

#[derive(Template)]
#[template(path = "questions.html")]
pub struct QuestionsPage {
    pub c: Common,
    pub errors: Vec<ErrorLine>,
    pub heading: String,
    pub action: &'static str,
    pub back: &'static str,
    pub questions: Vec<QuestionView>,
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub c: Common,
    pub errors: Vec<ErrorLine>,
    pub chosen: Vec<(String, String)>,
    pub meter: MeterView,
}

#[derive(Template)]
#[template(path = "results.html")]
pub struct ResultsPage {
    pub c: Common,
    pub open: bool,
    pub n: i64,
    pub rows: Vec<(String, String)>,
    pub weighted: bool,
}
