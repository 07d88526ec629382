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
    /// The id of the page's form, when the header's buttons (language,
    /// stop) should post what is typed with them so nothing is lost.
    pub form: Option<&'static str>,
    /// The page shows errors: the title then starts with "Fout:".
    pub has_errors: bool,
    /// The help desk, on every page: how to reach it (phone, e-mail) and
    /// where and when (address, hours).
    pub contact: (Vec<String>, Vec<String>),
    /// "Papieren formulier van huishouden …" while an official enters a form.
    pub entry: Option<String>,
    /// The database holds simulated households (`pwe simulate --db`).
    pub simulated: bool,
    /// A step opened from the check page: the `from` its form posts, so
    /// saving returns there.
    pub from: Option<&'static str>,
}

impl Common {
    /// The same, marked as showing `errors` (the title starts with "Fout:").
    pub fn with_errors(mut self, errors: &[ErrorLine]) -> Common {
        self.has_errors = !errors.is_empty();
        self
    }

    /// The same, with the step's form returning to `from` after saving.
    pub fn with_return(mut self, from: Option<&'static str>) -> Common {
        self.from = from;
        self
    }

    /// The same, with the header's buttons posting the form `form`.
    pub fn with_form(mut self, form: &'static str) -> Common {
        self.form = Some(form);
        self
    }
}

/// A problem shown at the top of a form, linked to its field.
pub struct ErrorLine {
    /// The link to the field it is about (`#id`, or another step's page).
    pub href: Option<String>,
    /// What is wrong.
    pub text: String,
}

#[derive(Template)]
#[template(path = "landing.html")]
pub struct Landing {
    pub c: Common,
    pub errors: Vec<ErrorLine>,
    pub organiser: String,
    /// When the consultation is open: "Open van … tot …".
    pub window: String,
    pub privacy: String,
    pub typed: String,
    /// The problem with the typed code, shown under the field.
    pub code_error: Option<String>,
    /// After the close: the outcome first, and the code form behind a
    /// disclosure (test codes still enter).
    pub outcome: Option<OutcomeView>,
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub c: Common,
    pub paragraphs: Vec<String>,
    /// The receipt's groups of four characters, each kept on one line.
    pub receipt: Option<Vec<String>>,
    pub next_steps: Option<Said>,
    /// Where the outcome stands (after sending, or after the close).
    pub outcome: Option<OutcomeView>,
    /// A link onward: (href, text).
    pub onward: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "info.html")]
pub struct InfoPage {
    pub c: Common,
    pub number: usize,
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// The previous page (an information page, or none on the first).
    pub back: Option<String>,
    /// The privacy statement, on the first page: a letter's link skips the
    /// landing page that shows it otherwise.
    pub privacy: Option<String>,
}

/// One level of an option on its card.
pub struct LevelView {
    pub level: u8,
    /// The value of its radio button in an exclusive group: `{id}`, or
    /// `{id}:{level}` for an option with levels.
    pub value: String,
    /// The input's id: the first input of an option has the id errors link to.
    pub input_id: String,
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
    pub binary: bool,
    pub chosen: u8,
    pub levels: Vec<LevelView>,
    /// A broken rule about this option (a second choice in its group).
    pub error: Option<String>,
}

/// Options shown together: one option alone, or an exclusive group.
pub struct BlockView {
    /// The group's id, heading and explanation, for an exclusive group.
    pub group: Option<(String, String, String)>,
    /// No member of the group is chosen ("Geen van deze" is selected).
    pub none_chosen: bool,
    pub options: Vec<OptionView>,
}

/// An effect's total on the meter, with its target.
pub struct EffectLine {
    pub label: String,
    pub value: String,
    /// The target in words, and whether the choice meets it.
    pub target: Option<(String, bool)>,
}

/// A chosen option in the meter: the resident's own list.
pub struct ChosenLine {
    pub id: String,
    /// Its title, with the level's label for an option with levels.
    pub name: String,
    pub cost: String,
}

/// The budget band, drawn on a scale of 0 to 1000: what may be spent (from
/// the least to the most the rules allow), the budget, and the spend.
pub struct BandView {
    pub lower: i64,
    pub upper: i64,
    pub budget: i64,
    pub spend: i64,
    /// What may be spent, in words (the band's legend).
    pub allowed: String,
}

/// The budget meter.
pub struct MeterView {
    pub budget: String,
    pub spent: String,
    /// Where the spend stands against the bounds, one figure the messages
    /// use too: "Nog uit te geven", "Nog minstens uit te geven", "Boven het
    /// budget (via de lasten)" or "Te veel", and the amount.
    pub left: (String, String),
    pub chosen: Vec<ChosenLine>,
    pub band: BandView,
    /// The resident asked to go on and the choice does not fit: the status
    /// warns; before that it only says how many rules are still open.
    pub tried: bool,
    /// The status line in words.
    pub status: String,
    /// The change of the charges per household per year, and what it means.
    pub charge: Option<(String, String)>,
    pub effects: Vec<EffectLine>,
    pub fits: bool,
    /// Nothing is chosen yet: the meter invites rather than warns.
    pub empty: bool,
    pub messages: Vec<String>,
}

#[derive(Template)]
#[template(path = "choice.html")]
pub struct ChoicePage {
    pub c: Common,
    pub errors: Vec<ErrorLine>,
    pub rules: Vec<String>,
    pub blocks: Vec<BlockView>,
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
    pub prompt: String,
    pub required: bool,
    pub max_length: u32,
    pub text: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "motivation.html")]
pub struct MotivationPage {
    pub c: Common,
    pub errors: Vec<ErrorLine>,
    /// The measures chosen, each with its box, first.
    pub chosen: Vec<MotivationView>,
    /// The others, folded under one disclosure so a phone's page stays short.
    pub not_chosen: Vec<MotivationView>,
    /// "Maatregelen die u niet koos (7)".
    pub not_chosen_summary: String,
    /// The fold is open: nothing is chosen, or a box in it holds text, an
    /// error or a required answer, which must not be hidden.
    pub open: bool,
}

/// A question on the background or evaluation page.
pub struct QuestionView {
    /// The form field's name and id.
    pub name: String,
    /// `radio`, `checkbox`, `number` or `text`.
    pub kind: &'static str,
    pub text: String,
    /// Why it is asked, when the survey says.
    pub reason: Option<String>,
    pub required: bool,
    pub error: Option<String>,
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
    pub questions: Vec<QuestionView>,
}

/// A section of the check page: its heading, its answers and where to change them.
pub struct SummarySection {
    pub heading: String,
    /// The step's page, returning to the check page after saving.
    pub change: String,
    /// (question or option, answer).
    pub lines: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub c: Common,
    pub errors: Vec<ErrorLine>,
    pub sections: Vec<SummarySection>,
    pub meter: MeterView,
    /// A paper form that breaks a rule: it is recorded as written, and the
    /// page says what that means.
    pub as_written: bool,
}

#[derive(Template)]
#[template(path = "receipt.html")]
pub struct ReceiptPage {
    pub c: Common,
    pub typed: String,
    /// The answer to a check: found (with when), or not.
    pub outcome: Option<(bool, String)>,
    /// Where the outcome of the consultation stands.
    pub progress: Option<OutcomeView>,
    /// Whether the purge has run: receipts are gone, and the page says so
    /// and leads to the results instead of offering a check.
    pub ended: bool,
}

#[derive(Template)]
#[template(path = "results.html")]
pub struct ResultsPage {
    pub c: Common,
    /// Until the results are published: where they stand and when they come.
    pub outcome: Option<OutcomeView>,
    /// "1.500 huishoudens gaven hun advies.", in the page's language.
    pub counted: String,
    /// Why some advice is not counted, when some is not.
    pub left_out: Option<String>,
    /// Options alone and exclusive groups, the most chosen first.
    pub blocks: Vec<ResultBlock>,
    pub weighted: bool,
    /// The council's decision as a whole, once given.
    pub council: Option<CouncilView>,
}

/// A text of the survey or the council as shown: in the page's language, or
/// in Dutch where it has no English, and then marked `lang="nl"` so that a
/// screen reader reads it as Dutch.
pub struct Said {
    pub text: String,
    /// The text's language when it is not the page's.
    pub lang: Option<&'static str>,
}

impl Said {
    /// `text` as shown on a page in `lang`.
    pub fn of(text: &pwe_core::Text, lang: pwe_core::Lang) -> Said {
        let untranslated = lang == pwe_core::Lang::En && text.en().is_none();
        Said {
            text: text.get(lang).to_string(),
            lang: untranslated.then_some("nl"),
        }
    }
}

/// A share on the results page: the figure in words and as a bar, and how
/// sure it is.
pub struct Figure {
    /// "26%", or why it is not shown.
    pub share: String,
    /// The bar's width as a percentage ("26.3%"), when shown.
    pub bar: Option<String>,
    /// "Van alle huishoudens waarschijnlijk tussen 24% en 29%.", when shown.
    pub between: Option<String>,
}

/// An option alone, or an exclusive group with its options.
pub struct ResultBlock {
    pub group: Option<GroupView>,
    pub rows: Vec<ResultRow>,
}

/// An exclusive group: its options shown together, with their sum.
pub struct GroupView {
    pub id: String,
    /// "Hooguit één van deze 3 maatregelen".
    pub heading: String,
    pub explanation: Option<Said>,
    pub together: Figure,
}

/// One option on the results page: the advice and, once given, the answer.
pub struct ResultRow {
    pub id: String,
    pub title: Said,
    /// Its heading's level: 4 inside a group, 3 alone.
    pub level: u8,
    pub figure: Figure,
    pub answer: Option<AnswerView>,
}

/// The council's answer about one option, in the page's language.
pub struct AnswerView {
    /// The decision's code (for its style) and its words.
    pub decision: (&'static str, String),
    pub reasoning: Said,
    /// Date, status words, text.
    pub steps: Vec<(String, String, Said)>,
    pub link: Option<String>,
}

/// The council's decision as a whole.
pub struct CouncilView {
    /// When and by whom the council decided (catalog: `decided`).
    pub decided: String,
    pub summary: Option<Said>,
}

/// Where the outcome stands, on the pages a resident meets after sending or
/// after the close: what is known and, once it exists, a link to it.
pub struct OutcomeView {
    /// Where the outcome stands, and when it comes if not yet.
    pub said: String,
    /// The survey's words on what happens next, until the council has answered.
    pub next: Option<Said>,
    /// The link to the results: (href, text); none before they are published.
    pub link: Option<(String, String)>,
}
