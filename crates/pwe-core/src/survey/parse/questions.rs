//! Background and evaluation questions.

use super::*;

impl Parser<'_> {
    pub(super) fn choices(&mut self, raw: &[RawChoice], place: &Place) -> Option<Vec<Choice>> {
        let mut choices = Vec::new();
        let mut ids = Vec::new();
        for (idx, choice) in raw.iter().enumerate() {
            let choice_place = place.field(&format!("choices[{idx}] \"{}\"", choice.id));
            ids.push((choice.id.as_str(), choice_place.clone()));
            let id_ok = self.id(&choice.id, &choice_place.field("id"));
            let label = self.text(&choice.label, &choice_place.field("label"));
            if let (true, Some(label)) = (id_ok, label) {
                choices.push(Choice {
                    id: choice.id.clone(),
                    label,
                    category: choice.category.clone(),
                });
            }
        }
        self.unique("choice", ids);
        if raw.len() < 2 {
            self.problem(
                &place.field("choices"),
                "a choice question needs at least two choices",
            );
            return None;
        }
        (choices.len() == raw.len()).then_some(choices)
    }

    /// The choices with "zeg ik liever niet" added as the last.
    fn prefer_not_to_say(
        &mut self,
        mut choices: Vec<Choice>,
        place: &Place,
    ) -> Option<Vec<Choice>> {
        if choices.iter().any(|c| c.id == PREFER_NOT_TO_SAY) {
            self.problem(
                &place.field("choices"),
                format!("the choice id \"{PREFER_NOT_TO_SAY}\" is reserved for prefer_not_to_say"),
            );
            return None;
        }
        choices.push(Choice {
            id: PREFER_NOT_TO_SAY.into(),
            label: Text::new("Zeg ik liever niet", Some("I prefer not to say".into())),
            category: None,
        });
        Some(choices)
    }

    pub(super) fn text_length(&mut self, value: Option<i64>, place: &Place) -> Option<u32> {
        match value {
            None => Some(DEFAULT_MOTIVATION_LENGTH),
            Some(length) if (1..=MOTIVATION_LIMIT).contains(&length) => Some(length as u32),
            Some(length) => {
                self.problem(
                    &place.field("max_length"),
                    format!("must be between 1 and {MOTIVATION_LIMIT} characters, found {length}"),
                );
                None
            }
        }
    }

    pub(super) fn background(
        &mut self,
        raw: &[Spanned<RawBackground>],
    ) -> Option<Vec<BackgroundQuestion>> {
        let mut questions = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let question = spanned.get_ref();
            let place = self.item_place("background", idx, &question.id, spanned);
            let id_ok = self.id(&question.id, &place.field("id"));
            let text = self.text(&question.text, &place.field("text"));
            let uses_choices = matches!(question.kind.as_str(), "single" | "multiple");
            if !uses_choices && !question.choices.is_empty() {
                self.problem(
                    &place.field("choices"),
                    format!("a {} question has no choices", question.kind),
                );
            }
            let kind = match question.kind.as_str() {
                "single" => self
                    .choices(&question.choices, &place)
                    .map(QuestionKind::Single),
                "multiple" => self
                    .choices(&question.choices, &place)
                    .map(QuestionKind::Multiple),
                "number" => match (question.min, question.max) {
                    (Some(min), Some(max)) if min <= max => Some(QuestionKind::Number { min, max }),
                    (Some(min), Some(max)) => {
                        self.problem(
                            &place.field("min"),
                            format!("min ({min}) is above max ({max})"),
                        );
                        None
                    }
                    _ => {
                        self.problem(&place, "a number question needs min and max");
                        None
                    }
                },
                "text" => self
                    .text_length(question.max_length, &place)
                    .map(|max_length| QuestionKind::Text { max_length }),
                other => {
                    self.problem(
                        &place.field("kind"),
                        format!(
                            "unknown kind \"{other}\"; expected single, multiple, number or text"
                        ),
                    );
                    None
                }
            };
            if question.margin.is_some() && question.kind != "single" {
                self.problem(
                    &place.field("margin"),
                    "only a single-choice question can map onto a population margin",
                );
            }
            let kind = match kind {
                Some(QuestionKind::Single(choices)) if question.prefer_not_to_say => self
                    .prefer_not_to_say(choices, &place)
                    .map(QuestionKind::Single),
                Some(QuestionKind::Multiple(choices)) if question.prefer_not_to_say => self
                    .prefer_not_to_say(choices, &place)
                    .map(QuestionKind::Multiple),
                Some(_) if question.prefer_not_to_say => {
                    self.problem(
                        &place.field("prefer_not_to_say"),
                        "only a single or multiple choice question can offer \"prefer not to say\"",
                    );
                    None
                }
                other => other,
            };
            let reason = self.optional_text(question.reason.as_ref(), &place.field("reason"));
            if let (true, Some(text), Some(kind), Some(reason)) = (id_ok, text, kind, reason) {
                questions.push(BackgroundQuestion {
                    id: question.id.clone(),
                    text,
                    required: question.required,
                    kind,
                    margin: question.margin.clone(),
                    reason,
                });
            }
        }
        (questions.len() == raw.len()).then_some(questions)
    }

    /// The evaluation questions; a `research_question` must be one of
    /// `research` (the survey's, when its metadata parsed).
    pub(super) fn evaluation(
        &mut self,
        raw: &[Spanned<RawEvaluation>],
        research: Option<&[String]>,
    ) -> Option<Vec<EvaluationQuestion>> {
        let mut questions = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let question = spanned.get_ref();
            let place = self.item_place("evaluation", idx, &question.id, spanned);
            let id_ok = self.id(&question.id, &place.field("id"));
            let text = self.text(&question.text, &place.field("text"));
            let kind = match question.kind.as_str() {
                "likert5" => Some(EvaluationKind::Likert5),
                "grade" => Some(EvaluationKind::Grade),
                "text" => self
                    .text_length(question.max_length, &place)
                    .map(|max_length| EvaluationKind::Text { max_length }),
                other => {
                    self.problem(
                        &place.field("kind"),
                        format!("unknown kind \"{other}\"; expected likert5, grade or text"),
                    );
                    None
                }
            };
            let theme = match question.theme.as_deref() {
                None => Some(None),
                Some(name) => match ActieTheme::ALL
                    .into_iter()
                    .find(|theme| theme.name() == name)
                {
                    Some(theme) => Some(Some(theme)),
                    None => {
                        self.problem(
                            &place.field("theme"),
                            format!(
                                "unknown ACTIE theme \"{name}\"; expected animo, contacten, talenten, institutionalisering or empathie"
                            ),
                        );
                        None
                    }
                },
            };
            if let (Some(asked), Some(known)) = (&question.research_question, research)
                && !known.contains(asked)
            {
                self.problem(
                    &place.field("research_question"),
                    format!(
                        "\"{asked}\" is not one of the survey's research_questions ({})",
                        known.join(", ")
                    ),
                );
            }
            if let (true, Some(text), Some(kind), Some(theme)) = (id_ok, text, kind, theme) {
                questions.push(EvaluationQuestion {
                    id: question.id.clone(),
                    text,
                    required: question.required,
                    kind,
                    theme,
                    research_question: question.research_question.clone(),
                });
            }
        }
        (questions.len() == raw.len()).then_some(questions)
    }
}

#[cfg(test)]
mod tests {
    use crate::survey::{PREFER_NOT_TO_SAY, QuestionKind, Survey};

    const MALL: &str = include_str!("../../../../../surveys/mall-parkeren.toml");

    #[test]
    fn prefer_not_to_say_is_a_last_choice_that_counts_as_unanswered_in_weighting() {
        let survey = Survey::parse(MALL, "mall-parkeren.toml").unwrap();
        let age = &survey.background()[0];
        let QuestionKind::Single(choices) = &age.kind else {
            panic!("age is a single choice");
        };
        let last = choices.last().unwrap();
        assert_eq!(last.id, PREFER_NOT_TO_SAY);
        assert_eq!(last.label.get(crate::Lang::En), "I prefer not to say");
        assert_eq!(last.margin_category(), None);
        assert_eq!(choices[0].margin_category().as_deref(), Some("15-24"));
        assert!(age.reason.is_some());
    }

    #[test]
    fn prefer_not_to_say_only_on_choice_questions_and_its_id_is_reserved() {
        let number = MALL.to_string()
            + "\n[[background]]\nid = \"jaren\"\nkind = \"number\"\nmin = 0\nmax = 99\nprefer_not_to_say = true\ntext = \"Hoe lang woont u hier?\"\n";
        let error = Survey::parse(&number, "s.toml").unwrap_err().to_string();
        assert!(
            error.contains("only a single or multiple choice question"),
            "{error}"
        );
        let reserved = MALL.replace(
            "{ id = \"0\", label",
            "{ id = \"zeg-ik-liever-niet\", label",
        );
        let error = Survey::parse(&reserved, "s.toml").unwrap_err().to_string();
        assert!(
            error.contains("is reserved for prefer_not_to_say"),
            "{error}"
        );
    }
}
