use pwe_core::population::parse_cbs;
use pwe_core::portfolio::Portfolio;
use pwe_core::weighting::files::PopulationMapping;

use super::*;

const SURVEY: &str = include_str!("../../../../surveys/mall-parkeren.toml");
const PARAMS: &str = include_str!("../../../../surveys/mall-parkeren.params.toml");
const MAPPING: &str = include_str!("../../../../surveys/mall-parkeren.population.toml");
const BUURTEN: &str = include_str!("../../../../fixtures/mall-buurten.csv");

fn inputs() -> (Survey, Vec<Margin>, Params) {
    let survey = Survey::parse(SURVEY, "mall-parkeren.toml").unwrap();
    let mapping = PopulationMapping::parse(MAPPING, "mapping").unwrap();
    let population = parse_cbs(BUURTEN, "buurten").unwrap();
    let variables: Vec<String> = mapping.variables().iter().map(|v| v.to_string()).collect();
    let margins = mapping.margins(&population, &variables, "buurten").unwrap();
    let params = Params::parse(PARAMS, "params", &survey).unwrap();
    (survey, margins, params)
}

fn share(households: &[SimulatedHousehold], question: usize, answer: &str) -> f64 {
    households
        .iter()
        .filter(|h| h.background[question].as_deref() == Some(answer))
        .count() as f64
        / households.len() as f64
}

#[test]
fn the_same_seed_gives_the_same_households() {
    let (survey, margins, params) = inputs();
    let config = SimConfig {
        n: 200,
        seed: 1,
        bias: true,
    };
    let first = simulate(&survey, &margins, &params, config).unwrap();
    assert_eq!(first, simulate(&survey, &margins, &params, config).unwrap());
    assert_ne!(
        first,
        simulate(&survey, &margins, &params, SimConfig { seed: 2, ..config }).unwrap()
    );
}

#[test]
fn every_portfolio_meets_the_rules_of_its_version() {
    let (survey, margins, params) = inputs();
    let households = simulate(
        &survey,
        &margins,
        &params,
        SimConfig {
            n: 1000,
            seed: 3,
            bias: false,
        },
    )
    .unwrap();
    for household in &households {
        let task = ChoiceTask::new(&survey, &survey.versions()[household.version_idx]);
        let portfolio = Portfolio::from_levels(&survey, household.portfolio.clone()).unwrap();
        assert!(task.violations(&portfolio).is_empty());
    }
    let versions: Vec<usize> = (0..3)
        .map(|v| households.iter().filter(|h| h.version_idx == v).count())
        .collect();
    assert!(versions.iter().all(|&n| n > 250), "{versions:?}");
}

#[test]
fn backgrounds_match_the_population_unless_biased() {
    let (survey, margins, params) = inputs();
    let age = survey
        .background()
        .iter()
        .position(|q| q.id == "leeftijd")
        .unwrap();
    let population: f64 = {
        let margin = margins.iter().find(|m| m.variable == "leeftijd").unwrap();
        let total: f64 = margin.targets.iter().map(|(_, t)| t).sum();
        margin.targets.iter().find(|(c, _)| c == "65+").unwrap().1 / total
    };
    let plain = simulate(
        &survey,
        &margins,
        &params,
        SimConfig {
            n: 4000,
            seed: 5,
            bias: false,
        },
    )
    .unwrap();
    assert!(
        (share(&plain, age, "65-plus") - population).abs() < 0.03,
        "{} vs {population}",
        share(&plain, age, "65-plus")
    );
    let biased = simulate(
        &survey,
        &margins,
        &params,
        SimConfig {
            n: 4000,
            seed: 5,
            bias: true,
        },
    )
    .unwrap();
    assert!(
        share(&biased, age, "65-plus") > population + 0.05,
        "older residents respond more"
    );
    let buurten = per_buurt(&plain);
    assert_eq!(buurten.len(), 8);
}

#[test]
fn preferences_show_in_the_choices() {
    let (survey, margins, params) = inputs();
    let households = simulate(
        &survey,
        &margins,
        &params,
        SimConfig {
            n: 3000,
            seed: 9,
            bias: false,
        },
    )
    .unwrap();
    let cars = survey
        .background()
        .iter()
        .position(|q| q.id == "autos")
        .unwrap();
    let permit = survey.option_idx("vergunningparkeren").unwrap();
    let rate = |car: &str| {
        let group: Vec<_> = households
            .iter()
            .filter(|h| h.background[cars].as_deref() == Some(car))
            .collect();
        group.iter().filter(|h| h.portfolio[permit] > 0).count() as f64 / group.len() as f64
    };
    assert!(
        rate("0") > rate("2-plus") + 0.05,
        "households without a car like permits more: {} vs {}",
        rate("0"),
        rate("2-plus")
    );
}

#[test]
fn params_errors_name_the_key() {
    let survey = Survey::parse(SURVEY, "mall-parkeren.toml").unwrap();
    let missing = PARAMS.replace("pendelbus = 0.3\n", "");
    assert_eq!(
        Params::parse(&missing, "p.toml", &survey)
            .unwrap_err()
            .to_string(),
        "p.toml: constants.pendelbus: missing; every option needs a constant"
    );
    let levels = PARAMS.replace("handhaving = [0.5, 0.6]", "handhaving = 0.5");
    assert!(
        Params::parse(&levels, "p.toml", &survey)
            .unwrap_err()
            .to_string()
            .contains("constants.handhaving: the option has 2 level(s)")
    );
    let choice = PARAMS.replace("choice = \"0\"", "choice = \"geen\"");
    assert!(
        Params::parse(&choice, "p.toml", &survey)
            .unwrap_err()
            .to_string()
            .contains("interactions[0].choice: \"geen\" is not an answer to autos")
    );
}
