use super::*;

fn mall() -> Survey {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    Survey::parse(
        &std::fs::read_to_string(format!("{root}/surveys/mall-parkeren.toml")).unwrap(),
        "mall-parkeren.toml",
    )
    .unwrap()
}

fn fixture() -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    std::fs::read_to_string(format!("{root}/fixtures/mall-parkeren.response.toml")).unwrap()
}

#[test]
fn the_fixture_answers_every_option_of_the_mall() {
    let survey = mall();
    let response = parse(&fixture(), "response.toml", &survey).unwrap();
    assert_eq!(response.options.len(), survey.options().len());
    assert_eq!(
        response.decided,
        NaiveDate::from_ymd_opt(2027, 6, 24).unwrap()
    );
    let handhaving = response
        .answer(survey.option_idx("handhaving").unwrap())
        .unwrap();
    assert_eq!(handhaving.decision, Decision::Adopted);
    assert_eq!(handhaving.steps.len(), 2);
    assert_eq!(handhaving.steps[0].status, StepStatus::Done);
    let garage = response
        .answer(survey.option_idx("garage-afspraak").unwrap())
        .unwrap();
    assert_eq!(garage.reasoning.en(), None, "English is optional");
    assert!(garage.link.is_some());
    assert_eq!(
        response.without_english(&survey),
        ["options \"garage-afspraak\".reasoning"]
    );
}

fn problems(text: &str) -> Vec<String> {
    let error = parse(text, "r.toml", &mall()).unwrap_err();
    error.problems.iter().map(|p| error.locate(p)).collect()
}

#[test]
fn a_broken_file_is_refused_with_every_problem_located() {
    let broken = fixture()
        .replace(
            "decision = \"later\"\nreasoning = { nl = \"Een blauwe",
            "decision = \"maybe\"\nreasoning = { nl = \"Een blauwe",
        )
        .replace("id = \"pendelbus\"", "id = \"pendelboot\"")
        .replace("id = \"bewegwijzering\"", "id = \"handhaving\"")
        .replace("decided = 2027-06-24", "decided = 2027-06-24T10:00:00");
    let found = problems(&broken);
    let text = found.join("\n");
    assert!(text.contains("r.toml:7: decided: write the date"), "{text}");
    assert!(text.contains("options[2] \"blauwe-zone\".decision: \"maybe\" is not one of adopted, partly, not_adopted, later"), "{text}");
    assert!(
        text.contains("options[6] \"handhaving\": this option is answered twice"),
        "{text}"
    );
    assert!(
        text.contains("options[7] \"pendelboot\": the survey has no option \"pendelboot\""),
        "{text}"
    );
    assert!(
        text.contains("option \"bewegwijzering\" has no answer"),
        "{text}"
    );
    assert!(
        text.contains("option \"pendelbus\" has no answer"),
        "{text}"
    );
    // Lines point at the options' tables.
    let line = |needle: &str| fixture().lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(
        text.contains(&format!(
            "r.toml:{}: options[7]",
            line("id = \"pendelbus\"") - 1
        )),
        "{text}"
    );
}

#[test]
fn another_survey_an_unknown_key_and_an_empty_reasoning_are_refused() {
    let text =
        problems(&fixture().replace("survey = \"mall-parkeren\"", "survey = \"other\"")).join("\n");
    assert!(
        text.contains("survey: the file answers survey \"other\", not \"mall-parkeren\""),
        "{text}"
    );
    let text = problems(&fixture().replace("link = ", "url = ")).join("\n");
    assert!(text.contains("unknown field `url`"), "{text}");
    let text = problems(&fixture().replace(
        "reasoning = { nl = \"Een meerderheid adviseerde het en het kost weinig.\"",
        "reasoning = { nl = \" \"",
    ))
    .join("\n");
    assert!(
        text.contains("options[6] \"bewegwijzering\".reasoning: say why, in Dutch"),
        "{text}"
    );
}

#[test]
fn every_word_in_the_file_is_the_code_it_parses_to() {
    for (word, decision) in Decision::ALL {
        assert_eq!(decision.code(), word);
    }
    for (word, status) in StepStatus::ALL {
        assert_eq!(status.code(), word);
    }
}
