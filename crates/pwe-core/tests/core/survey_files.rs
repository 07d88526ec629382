//! The survey files under `surveys/` and `fixtures/surveys/`: the shipped surveys
//! are valid, and every invalid fixture is refused with the line, field and
//! reason its first line (`# expect: LINE: FIELD: REASON`) names.

use std::path::Path;

use crate::repo;

use pwe_core::Survey;

fn parse(path: &Path) -> Result<Survey, pwe_core::SurveyError> {
    let source = std::fs::read_to_string(path).unwrap();
    Survey::parse(&source, "survey.toml")
}

#[test]
fn shipped_surveys_are_valid() {
    for dir in ["surveys", "fixtures/surveys"] {
        for entry in std::fs::read_dir(repo().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            // Survey files are `<id>.toml`; `<id>.population.toml` and the like
            // are data files that belong to a survey.
            let is_survey = path.extension().is_some_and(|ext| ext == "toml")
                && path
                    .file_stem()
                    .is_some_and(|stem| !stem.to_string_lossy().contains('.'));
            if is_survey && let Err(error) = parse(&path) {
                panic!("{} should be valid: {error}", path.display());
            }
        }
    }
}

#[test]
fn invalid_fixtures_name_line_field_and_reason() {
    let dir = repo().join("fixtures/surveys/invalid");
    let mut n_checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let expected = source
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} has no '# expect:' line", path.display()));
        let error = match Survey::parse(&source, "survey.toml") {
            Ok(_) => panic!("{} should be refused", path.display()),
            Err(error) => error,
        };
        let located: Vec<String> = error.problems.iter().map(|p| error.locate(p)).collect();
        let wanted = format!("survey.toml:{expected}");
        assert!(
            located.iter().any(|line| line.starts_with(&wanted)),
            "{}: expected a problem starting with\n  {wanted}\nfound\n  {}",
            path.display(),
            located.join("\n  ")
        );
        n_checked += 1;
    }
    assert!(n_checked >= 25, "only {n_checked} invalid fixtures found");
}

#[test]
fn mall_survey_has_its_design() {
    let survey = parse(&repo().join("surveys/mall-parkeren.toml")).unwrap();
    assert!((8..=10).contains(&survey.options().len()));
    assert!(survey.versions().len() >= 2);
    let regimes = &survey.rules().exclusive[0];
    assert_eq!(regimes.options.len(), 3);
    assert!(
        survey.options().iter().any(|o| o.levels[0].cost.get() < 0),
        "an option raises money"
    );
    assert!(
        pwe_core::lint::lint(&survey).is_empty(),
        "{:?}",
        pwe_core::lint::lint(&survey)
    );
    let background: Vec<&str> = survey.background().iter().map(|q| q.id.as_str()).collect();
    assert_eq!(background, ["leeftijd", "huishouden", "autos", "overlast"]);
}
