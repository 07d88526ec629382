//! Paper questionnaires (`pwe paper`): each household's own form, with the
//! costs and budget of the version drawn when its code was made, the rules,
//! the options with their effects, the motivation lines and the questions.
//! An official enters it on `/beheer` with the household's code, so the
//! entry is checked against the same version.

use pwe_core::code::HouseholdCode;
use pwe_core::survey::{EvaluationKind, QuestionKind, likert_word};
use pwe_core::words::{Words, words};
use pwe_core::{ChoiceTask, Lang, Survey, explain};

use super::pdf::{self, Font, HEIGHT, Page, WIDTH, wrap};
use super::{LetterError, PublicUrl, csv_error, rows};

/// A household to print a form for.
#[derive(Debug, Clone)]
pub struct PaperHousehold {
    /// Its reference, on every page, so that loose pages find their form.
    pub household_ref: String,
    /// Its code, which the official types on `/beheer`.
    pub code: HouseholdCode,
    /// The version drawn when the code was made.
    pub version: String,
}

/// The households of a codes file with their versions (`household_ref`,
/// `code`, `version`), each version one of `survey`'s.
///
/// # Errors
/// A missing column, a code that is not one, or a household without a
/// version of this survey; the error names the line.
pub fn read_paper_codes(
    text: &str,
    file: &str,
    survey: &Survey,
) -> Result<Vec<PaperHousehold>, LetterError> {
    rows(text, file, ["household_ref", "code", "version"])?
        .into_iter()
        .map(|(line, [household_ref, code, version])| {
            let code = HouseholdCode::parse(&code)
                .map_err(|e| csv_error(file, line, format!("the code of {household_ref}: {e}")))?;
            if version.is_empty() {
                return Err(csv_error(
                    file,
                    line,
                    format!(
                        "{household_ref} has no version: its code was made before versions were drawn with the code, so no form can carry its prices; make new codes with `pwe codes generate`"
                    ),
                ));
            }
            if survey.version(&version).is_none() {
                return Err(csv_error(
                    file,
                    line,
                    format!(
                        "{household_ref} has version \"{version}\", which {} does not define",
                        survey.meta().id
                    ),
                ));
            }
            Ok(PaperHousehold {
                household_ref,
                code,
                version,
            })
        })
        .collect()
}

/// The forms as one PDF: each household's pages in turn (an even number, so
/// that double-sided printing never puts two households on one sheet).
pub fn paper_pdf(survey: &Survey, households: &[PaperHousehold], url: &PublicUrl) -> Vec<u8> {
    let mut pages = Vec::new();
    for household in households {
        let mut form = Form::new(household);
        questionnaire(&mut form, survey, household, url);
        pages.extend(form.finish());
    }
    pdf::document(survey.meta().title.nl(), pages)
}

const MARGIN: f32 = 56.0;
const TEXT_WIDTH: f32 = WIDTH - 2.0 * MARGIN;
const TOP: f32 = HEIGHT - 56.0;
const BOTTOM: f32 = 64.0;
const BOX: f32 = 9.0;

/// What goes on one household's form, in order.
fn questionnaire(form: &mut Form, survey: &Survey, household: &PaperHousehold, url: &PublicUrl) {
    let meta = survey.meta();
    let nl = Lang::Nl;
    let t = words(nl);
    // read_paper_codes checked the version; a caller that built the list
    // itself gets a page that says what is wrong instead of a panic.
    let Some(version) = survey.version(&household.version) else {
        form.text(
            Font::Bold,
            12.0,
            &t.fill("letter_form_no_version", &household.args()),
        );
        return;
    };
    let task = ChoiceTask::new(survey, version);
    form.text(Font::Bold, 9.0, meta.organiser.nl());
    form.text(Font::Bold, 16.0, meta.title.nl());
    form.text(
        Font::Regular,
        10.0,
        &t.fill("letter_form_of", &household.args()),
    );
    form.text(
        Font::Code,
        12.0,
        &t.fill(
            "letter_form_code",
            &[("code", household.code.grouped().into())],
        ),
    );
    form.text(
        Font::Regular,
        10.0,
        &t.fill("letter_form_online", &[("address", url.bare().into())]),
    );
    form.heading(t.text("letter_form_privacy"));
    form.text(Font::Regular, 9.0, meta.privacy.nl());

    form.heading(t.text("letter_how_heading"));
    for line in explain::how_it_works(&task) {
        form.text(Font::Regular, 10.0, &format!("• {}", line.get(nl)));
    }
    form.heading(t.text("letter_form_advice"));
    for (idx, option) in survey.options().iter().enumerate() {
        form.space(6.0);
        form.keep(40.0);
        form.text(Font::Bold, 11.0, option.title.nl());
        form.text(Font::Regular, 9.0, option.description.nl());
        for level in 1..=option.max_level() {
            let cost = task.cost(idx, level);
            let cost = if cost.get() < 0 {
                t.fill(
                    "letter_form_raises",
                    &[("amount", (-cost).display(nl).into())],
                )
            } else {
                t.fill("letter_form_costs", &[("amount", cost.display(nl).into())])
            };
            let label = option.levels[usize::from(level) - 1]
                .label
                .as_ref()
                .map_or(t.text("letter_form_yes"), |l| l.nl());
            let effects = explain::effects(survey, option.effects_at(level), nl);
            let line = if effects.is_empty() {
                t.fill(
                    "letter_form_level",
                    &[("label", label.into()), ("cost", cost.into())],
                )
            } else {
                t.fill(
                    "letter_form_level_effects",
                    &[
                        ("label", label.into()),
                        ("cost", cost.into()),
                        ("effects", effects.into()),
                    ],
                )
            };
            form.check(&line);
        }
    }
    form.heading(t.text("letter_form_why"));
    for (idx, option) in survey.options().iter().enumerate() {
        let prompt = survey.motivation(idx);
        form.keep(44.0);
        let question = if prompt.chosen.nl() == prompt.not_chosen.nl() {
            prompt.chosen.nl().to_string()
        } else {
            t.fill(
                "letter_form_chosen_or_not",
                &[
                    ("chosen", prompt.chosen.nl().into()),
                    ("not_chosen", prompt.not_chosen.nl().into()),
                ],
            )
        };
        form.text(
            Font::Regular,
            9.0,
            &format!("{} — {question}", option.title.nl()),
        );
        form.lines(2);
    }
    form.heading(t.text("letter_form_household"));
    for question in survey.background() {
        form.keep(40.0);
        form.text(Font::Bold, 10.0, question.text.nl());
        match &question.kind {
            QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => {
                if matches!(question.kind, QuestionKind::Multiple(_)) {
                    form.text(Font::Regular, 9.0, t.text("letter_form_more_answers"));
                }
                for choice in choices {
                    form.check(choice.label.nl());
                }
            }
            QuestionKind::Number { min, max } => {
                form.text(
                    Font::Regular,
                    9.0,
                    &t.fill(
                        "letter_form_number",
                        &[
                            // Written as typed: a number question may ask for a year.
                            ("min", min.to_string().into()),
                            ("max", max.to_string().into()),
                        ],
                    ),
                );
                form.lines(1);
            }
            QuestionKind::Text { .. } => form.lines(2),
        }
    }
    form.heading(t.text("letter_form_evaluation"));
    for question in survey.evaluation() {
        form.keep(40.0);
        form.text(Font::Bold, 10.0, question.text.nl());
        match question.kind {
            EvaluationKind::Likert5 => form.scale(&["1", "2", "3", "4", "5"], &likert_scale(t)),
            EvaluationKind::Grade => form.scale(
                &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
                t.text("letter_form_grade"),
            ),
            EvaluationKind::Text { .. } => form.lines(3),
        }
    }
    form.space(8.0);
    form.text(Font::Bold, 10.0, t.text("letter_form_thanks"));
}

/// What the marks of a five-point scale mean: "1 = helemaal oneens, 5 = helemaal eens".
fn likert_scale(t: &Words) -> String {
    let word = |value| {
        likert_word(value, t.lang())
            .unwrap_or_default()
            .to_lowercase()
    };
    t.fill(
        "letter_form_likert",
        &[("low", word(1).into()), ("high", word(5).into())],
    )
}

impl PaperHousehold {
    /// Its reference and version, for the form's words.
    fn args(&self) -> [(&'static str, pwe_core::words::Arg<'_>); 2] {
        [
            ("reference", self.household_ref.as_str().into()),
            ("version", self.version.as_str().into()),
        ]
    }
}

/// One household's pages, filled from the top down.
struct Form {
    pages: Vec<Page>,
    page: Page,
    y: f32,
    footer: String,
}

impl Form {
    fn new(household: &PaperHousehold) -> Form {
        Form {
            pages: Vec::new(),
            page: Page::new(),
            y: TOP,
            footer: words(Lang::Nl).fill("letter_form_footer", &household.args()),
        }
    }

    /// A new page when less than `height` is left on this one.
    fn keep(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.turn();
        }
    }

    fn turn(&mut self) {
        let page = std::mem::replace(&mut self.page, Page::new());
        self.pages.push(page);
        self.y = TOP;
    }

    fn space(&mut self, height: f32) {
        self.y -= height;
    }

    /// Wrapped text at the margin.
    fn text(&mut self, font: Font, size: f32, text: &str) {
        self.text_at(MARGIN, TEXT_WIDTH, font, size, text);
    }

    fn text_at(&mut self, x: f32, width: f32, font: Font, size: f32, text: &str) {
        for line in wrap(text, font, size, width) {
            self.keep(size * 1.4);
            self.y -= size * 1.4;
            self.page.text(x, self.y, font, size, 0.0, &line);
        }
    }

    fn heading(&mut self, text: &str) {
        self.space(8.0);
        self.keep(60.0);
        self.text(Font::Bold, 12.0, text);
        self.space(2.0);
    }

    /// A box to tick, then its words.
    fn check(&mut self, text: &str) {
        self.keep(14.0);
        let top = self.y;
        self.text_at(MARGIN + 18.0, TEXT_WIDTH - 18.0, Font::Regular, 10.0, text);
        // The box sits on the first line, wherever the text went on.
        let first_baseline = top - 14.0;
        self.page
            .frame(MARGIN + 2.0, first_baseline - 1.0, BOX, BOX);
        self.space(2.0);
    }

    /// `n` ruled lines to write on.
    fn lines(&mut self, n: usize) {
        for _ in 0..n {
            self.keep(20.0);
            self.y -= 20.0;
            self.page.frame(MARGIN, self.y, TEXT_WIDTH, 0.0);
        }
        self.space(4.0);
    }

    /// A row of boxes labelled `marks`, and what the marks mean.
    fn scale(&mut self, marks: &[&str], meaning: &str) {
        self.keep(30.0);
        self.y -= 14.0;
        for (i, mark) in marks.iter().enumerate() {
            let x = MARGIN + 2.0 + i as f32 * 34.0;
            self.page.frame(x, self.y - 1.0, BOX, BOX);
            self.page
                .text(x + BOX + 3.0, self.y, Font::Regular, 10.0, 0.0, mark);
        }
        self.text(Font::Regular, 8.0, meaning);
        self.space(4.0);
    }

    /// The pages, each with the household's reference and its number, made
    /// even with a blank last page when needed.
    fn finish(mut self) -> Vec<Page> {
        self.turn();
        if self.pages.len() % 2 == 1 {
            self.pages.push(Page::new());
        }
        let total = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let footer = words(Lang::Nl).fill(
                "letter_form_page",
                &[
                    ("footer", self.footer.as_str().into()),
                    ("page", (i + 1).into()),
                    ("pages", total.into()),
                ],
            );
            page.text(MARGIN, 36.0, Font::Regular, 8.0, 0.3, &footer);
        }
        self.pages
    }
}
