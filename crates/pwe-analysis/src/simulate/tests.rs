use pwe_core::population::parse_cbs;
use pwe_core::portfolio::Portfolio;
use pwe_core::survey::PREFER_NOT_TO_SAY;
use pwe_core::weighting::files::PopulationMapping;

use super::*;

const SURVEY: &str = include_str!("../../../../surveys/mall-parkeren.toml");
const PARAMS: &str = include_str!("../../../../surveys/mall-parkeren.params.toml");
const MAPPING: &str = include_str!("../../../../surveys/mall-parkeren.population.toml");
const BUURTEN: &str = include_str!("../../../../fixtures/mall-buurten.csv");

const OTHER: &str = include_str!("../../../../fixtures/simulate/jeugd.toml");
const OTHER_PARAMS: &str = include_str!("../../../../fixtures/simulate/jeugd.params.toml");
const OTHER_MAPPING: &str = include_str!("../../../../fixtures/simulate/jeugd.population.toml");
const OTHER_BUURTEN: &str = include_str!("../../../../fixtures/simulate/jeugd-buurten.csv");

fn inputs_of(survey: &str, params: &str, mapping: &str, buurten: &str) -> (Survey, Census, Params) {
    let survey = Survey::parse(survey, "survey.toml").unwrap();
    let mapping = PopulationMapping::parse(mapping, "mapping").unwrap();
    let population = parse_cbs(buurten, "buurten").unwrap();
    let census = Census::new(&survey, &population, &mapping, "buurten").unwrap();
    let params = Params::parse(params, "params", &survey).unwrap();
    (survey, census, params)
}

fn inputs() -> (Survey, Census, Params) {
    inputs_of(SURVEY, PARAMS, MAPPING, BUURTEN)
}

fn config(n: usize, seed: u64, bias: bool) -> SimConfig {
    SimConfig { n, seed, bias }
}

fn share(households: &[SimulatedHousehold], question: usize, answer: &str) -> f64 {
    households
        .iter()
        .filter(|h| h.background[question].as_deref() == Some(answer))
        .count() as f64
        / households.len() as f64
}

#[test]
fn the_same_seed_gives_the_same_households_and_the_count_varies_by_seed() {
    let (survey, census, params) = inputs();
    let first = simulate(&survey, &census, &params, config(500, 1, true)).unwrap();
    assert_eq!(
        first,
        simulate(&survey, &census, &params, config(500, 1, true)).unwrap()
    );
    let counts: Vec<usize> = (1..=4)
        .map(|seed| {
            simulate(&survey, &census, &params, config(500, seed, false))
                .unwrap()
                .len()
        })
        .collect();
    assert!(counts.iter().any(|&c| c != counts[0]), "{counts:?}");
    assert!(
        counts.iter().all(|&c| (400..600).contains(&c)),
        "{counts:?}"
    );
}

#[test]
fn the_census_holds_the_population_and_no_buurt_gives_more_than_it_has() {
    let (survey, census, params) = inputs();
    assert_eq!(census.households(), 5000);
    let population = parse_cbs(BUURTEN, "buurten").unwrap();
    let kind = survey
        .background()
        .iter()
        .position(|q| q.id == "huishouden")
        .unwrap();
    for (buurt, figures) in census.buurten.iter().zip(population.buurten()) {
        assert_eq!(buurt.households, figures.households as usize);
        // The household types are counts per buurt in the file: kept exactly.
        let counts = buurt.counts[kind].as_ref().unwrap();
        assert_eq!(
            counts[0] as f64,
            figures.value("Eenpersoonshuishoudens").unwrap()
        );
        assert_eq!(counts.iter().sum::<usize>(), buurt.households);
    }
    let mut households = households(&survey, &census, &params, config(4000, 2, true)).unwrap();
    let drawn: Vec<SimulatedHousehold> = households.by_ref().collect();
    for p in households.participation() {
        let respondents = drawn.iter().filter(|h| h.buurt == p.buurt).count() as i64;
        assert_eq!(p.submitted, respondents);
        assert_eq!(
            p.started,
            p.submitted + p.stopped_at.iter().map(|(_, n)| n).sum::<i64>()
        );
        assert!(p.started <= p.invited, "{p:?}");
    }
}

#[test]
fn every_portfolio_meets_the_rules_of_its_version() {
    let (survey, census, params) = inputs();
    let households = simulate(&survey, &census, &params, config(1000, 3, false)).unwrap();
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
    let (survey, census, params) = inputs();
    let age = survey
        .background()
        .iter()
        .position(|q| q.id == "leeftijd")
        .unwrap();
    let plain = simulate(&survey, &census, &params, config(4000, 5, false)).unwrap();
    let older = |households: &[SimulatedHousehold]| {
        let answered = households
            .iter()
            .filter(|h| {
                h.background[age]
                    .as_deref()
                    .is_some_and(|a| a != PREFER_NOT_TO_SAY)
            })
            .count() as f64;
        share(households, age, "65-plus") * households.len() as f64 / answered
    };
    // The census's share of 65+ households, from the buurten's counts.
    let population = census
        .buurten
        .iter()
        .map(|b| b.counts[age].as_ref().unwrap()[3])
        .sum::<usize>() as f64
        / census.households() as f64;
    assert!(
        (older(&plain) - population).abs() < 0.02,
        "{} vs {population}",
        older(&plain)
    );
    let biased = simulate(&survey, &census, &params, config(2000, 5, true)).unwrap();
    assert!(
        older(&biased) > population + 0.05,
        "older residents respond more"
    );
}

#[test]
fn answers_have_the_edges_of_real_ones() {
    let (survey, census, params) = inputs();
    let households = simulate(&survey, &census, &params, config(1500, 4, false)).unwrap();
    let age = survey
        .background()
        .iter()
        .position(|q| q.id == "leeftijd")
        .unwrap();
    let nuisance = survey
        .background()
        .iter()
        .position(|q| q.id == "overlast")
        .unwrap();
    assert!(share(&households, age, PREFER_NOT_TO_SAY) > 0.01);
    let skipped = households
        .iter()
        .filter(|h| h.background[nuisance].is_none())
        .count();
    assert!(skipped > 50, "{skipped} skipped the optional question");
    let minutes: Vec<f64> = households.iter().map(|h| h.minutes).collect();
    assert!(minutes.iter().any(|&m| m < 10.0) && minutes.iter().any(|&m| m > 20.0));
    assert!(
        households.iter().any(|h| h.order[0] != 0),
        "options in a random order"
    );
    let texts: Vec<&str> = households
        .iter()
        .flat_map(|h| h.motivations.iter().flatten())
        .map(String::as_str)
        .collect();
    assert!(texts.iter().any(|t| t.contains('\n')));
    assert!(texts.iter().any(|t| t.starts_with('=')
        || t.starts_with('+')
        || t.starts_with('-')
        || t.starts_with('@')));
}

#[test]
fn another_consultation_simulates_every_question_kind_with_its_own_texts() {
    let (survey, census, params) = inputs_of(OTHER, OTHER_PARAMS, OTHER_MAPPING, OTHER_BUURTEN);
    let households = simulate(&survey, &census, &params, config(900, 6, false)).unwrap();
    let column = |id: &str| survey.background().iter().position(|q| q.id == id).unwrap();
    let answers = |id: &str| {
        households
            .iter()
            .filter_map(|h| h.background[column(id)].clone())
            .collect::<Vec<_>>()
    };
    assert!(
        answers("contact").iter().any(|a| a.contains(';')),
        "several choices ticked"
    );
    assert!(
        answers("kinderen")
            .iter()
            .all(|a| (0..=12).contains(&a.parse::<i64>().unwrap()))
    );
    assert!(
        answers("wens")
            .iter()
            .all(|a| a == "Een plek om te sporten." || a == "Meer licht in het park.")
    );
    let mall_texts: Vec<String> = Params::parse(PARAMS, "p", &Survey::parse(SURVEY, "s").unwrap())
        .unwrap()
        .texts
        .unwrap()
        .pro;
    for household in &households {
        household.response(&survey).unwrap();
        for text in household.motivations.iter().flatten() {
            assert!(!mall_texts.contains(text), "{text}");
        }
    }
}

#[test]
fn preferences_show_in_the_choices() {
    let (survey, census, params) = inputs();
    let households = simulate(&survey, &census, &params, config(3000, 9, false)).unwrap();
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
fn more_respondents_than_the_census_allows_are_refused() {
    let (survey, census, params) = inputs();
    let error = simulate(&survey, &census, &params, config(4900, 1, false)).unwrap_err();
    assert!(
        error.to_string().contains("at most 4310 can respond"),
        "{error}"
    );
}

#[test]
fn params_errors_name_the_file_line_and_key() {
    let survey = Survey::parse(SURVEY, "mall-parkeren.toml").unwrap();
    let error = |text: &str| {
        Params::parse(text, "p.toml", &survey)
            .unwrap_err()
            .to_string()
    };
    let line_of = |needle: &str| PARAMS.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert_eq!(
        error(&PARAMS.replace("pendelbus = 0.3\n", "")),
        format!(
            "p.toml:{}: constants.pendelbus: missing; every option needs a constant",
            line_of("[constants]")
        )
    );
    assert!(
        error(&PARAMS.replace("handhaving = [0.5, 0.6]", "handhaving = 0.5")).starts_with(
            &format!(
                "p.toml:{}: constants.handhaving: the option has 2 level(s)",
                line_of("handhaving =")
            )
        )
    );
    assert!(
        error(&PARAMS.replace("choice = \"0\"", "choice = \"geen\""))
            .contains("interactions[0].choice: \"geen\" is not an answer to autos")
    );
    let unknown = PARAMS.replace("overlast = { nooit", "overlast = { altijd = 0.1, nooit");
    assert_eq!(
        error(&unknown),
        format!(
            "p.toml:{}: background.overlast.altijd: \"altijd\" is not an answer to overlast; its answers are nooit, soms, vaak, dagelijks",
            line_of("overlast = {")
        )
    );
    assert!(
        error(&PARAMS.replace("skip_rate = 0.1", "skip_rate = 2"))
            .contains("skip_rate: must be between 0 and 1")
    );
    assert!(
        error(&PARAMS.replace("confirm = 1", "bevestig = 1"))
            .contains("dropoff.bevestig: unknown step")
    );
    assert!(
        error(&PARAMS.replace("delta0 = 0.8", "delta0 = 0.8\nbogus = 1"))
            .starts_with("p.toml:8: unknown field `bogus`")
    );
}
