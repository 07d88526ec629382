//! The portfolio logit: a hand-computed example, the analytic derivatives
//! against finite differences, identification in words, spec errors with
//! their line, and parameter recovery on simulated Mall households.

use crate::read;

use pwe_analysis::load::Responses;
use pwe_analysis::model::design::build;
use pwe_analysis::model::likelihood::evaluate;
use pwe_analysis::model::spec::ModelSpec;
use pwe_analysis::model::{ModelError, fit};
use pwe_analysis::simulate::{Census, Params, SimConfig, simulate};
use pwe_core::Survey;

fn two_options() -> Survey {
    Survey::parse(&read("fixtures/model/two-options.toml"), "two-options.toml").unwrap()
}

/// Responses to the two-option survey: (version, x, y, has a car) with a count.
fn responses(rows: &[(usize, u8, u8, bool, usize)]) -> Responses {
    let mut r = Responses {
        background: vec![Vec::new()],
        ..Responses::default()
    };
    for &(version, x, y, car, count) in rows {
        for _ in 0..count {
            r.ids.push(format!("r{}", r.ids.len() + 1));
            r.version_idx.push(version);
            r.buurt.push("B1".into());
            r.background[0].push(Some(if car { "ja" } else { "nee" }.into()));
            r.levels.push(vec![x, y]);
        }
    }
    r
}

/// Version a only: 10 chose nothing, 20 chose x and 30 chose y.
const ONE_VERSION: &[(usize, u8, u8, bool, usize)] = &[
    (0, 0, 0, true, 10),
    (0, 1, 0, true, 20),
    (0, 0, 1, false, 30),
];

fn spec(survey: &Survey, text: &str) -> ModelSpec {
    ModelSpec::parse(text, "model.toml", survey).unwrap()
}

#[test]
fn constants_of_a_single_version_are_the_log_odds_of_the_counts() {
    // Version a allows nothing, x or y; 10, 20 and 30 households chose them.
    // The saturated logit reproduces the shares: δx = ln(20/10), δy = ln(30/10),
    // Var(δx) = 1/20 + 1/10, and the log-likelihood is Σ n ln(n/N).
    let survey = two_options();
    let data = responses(ONE_VERSION);
    let (fit, _) = fit(&survey, &data, &spec(&survey, "money = \"none\""), None).unwrap();
    let x = &fit.parameters[0];
    let y = &fit.parameters[1];
    assert_eq!((x.name.as_str(), y.name.as_str()), ("const:x", "const:y"));
    assert!((x.estimate - 2f64.ln()).abs() < 1e-10, "{x:?}");
    assert!((y.estimate - 3f64.ln()).abs() < 1e-10, "{y:?}");
    assert!((x.se - (1.0f64 / 20.0 + 1.0 / 10.0).sqrt()).abs() < 1e-10);
    assert!((y.se - (1.0f64 / 30.0 + 1.0 / 10.0).sqrt()).abs() < 1e-10);
    // At the saturated optimum the sandwich equals the Hessian estimate.
    assert!((x.robust_se - x.se).abs() < 1e-10);
    let loglik =
        10.0 * (10.0f64 / 60.0).ln() + 20.0 * (20.0f64 / 60.0).ln() + 30.0 * (30.0f64 / 60.0).ln();
    assert!((fit.loglik - loglik).abs() < 1e-9);
    assert!((fit.null_loglik - 60.0 * (1.0f64 / 3.0).ln()).abs() < 1e-9);
    assert!(fit.converged && fit.max_abs_gradient < 1e-9, "{fit:?}");
    assert!((fit.predicted_shares[0].predicted - 20.0 / 60.0).abs() < 1e-9);
}

#[test]
fn money_without_cost_variation_is_not_identified_and_said_in_words() {
    let survey = two_options();
    let data = responses(ONE_VERSION);
    let error = fit(&survey, &data, &spec(&survey, "money = \"budget\""), None).unwrap_err();
    let ModelError::NotIdentified(problems) = &error else {
        panic!("{error}");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("delta0") && problems[0].contains("do not vary between versions"),
        "{}",
        problems[0]
    );

    // An attribute that is the same in every version is a combination of the constants.
    let both = responses(&[
        (0, 0, 0, true, 10),
        (0, 1, 0, true, 20),
        (1, 1, 1, false, 30),
        (1, 0, 1, true, 5),
    ]);
    let error = fit(
        &survey,
        &both,
        &spec(&survey, "attributes = [\"druk\"]"),
        None,
    )
    .unwrap_err();
    assert!(error.to_string().contains("attr:druk"), "{error}");
    assert!(error.to_string().contains("collinear"), "{error}");
}

#[test]
fn the_analytic_gradient_and_hessian_match_finite_differences() {
    let survey = two_options();
    let data = responses(&[
        (0, 0, 0, true, 7),
        (0, 1, 0, false, 12),
        (0, 0, 1, true, 9),
        (1, 1, 1, true, 15),
        (1, 0, 1, false, 6),
        (1, 1, 0, false, 4),
        (1, 0, 0, true, 3),
    ]);
    let model = spec(
        &survey,
        "money_unit = 100\n[[interactions]]\noption = \"x\"\nquestion = \"auto\"\nchoice = \"ja\"\n",
    );
    let weights: Vec<f64> = (0..data.ids.len())
        .map(|i| 0.5 + (i % 7) as f64 / 5.0)
        .collect();
    let design = build(&survey, &data, &model, Some(&weights)).unwrap();
    let w = |g: usize, c: usize| design.groups[g].cells[c].weight;
    let beta = [0.3, -0.7, 0.9, 0.4];
    let at = evaluate(&design, &beta, &w);
    let h = 1e-6;
    for p in 0..beta.len() {
        let mut up = beta;
        let mut down = beta;
        up[p] += h;
        down[p] -= h;
        let (fu, fd) = (evaluate(&design, &up, &w), evaluate(&design, &down, &w));
        let numeric = (fu.loglik - fd.loglik) / (2.0 * h);
        assert!(
            (numeric - at.gradient[p]).abs() < 1e-6 * (1.0 + numeric.abs()),
            "gradient {p}: {numeric} vs {}",
            at.gradient[p]
        );
        for q in 0..beta.len() {
            let numeric = (fu.gradient[q] - fd.gradient[q]) / (2.0 * h);
            assert!(
                (numeric - at.hessian[(q, p)]).abs() < 1e-5 * (1.0 + numeric.abs()),
                "hessian {q},{p}"
            );
        }
    }
    // The weighted estimate is a maximum: the gradient vanishes there.
    let weighted = ModelSpec {
        weights: true,
        ..model
    };
    let (fit, _) = fit(&survey, &data, &weighted, Some(&weights)).unwrap();
    assert!(fit.converged && fit.max_abs_gradient < 1e-6, "{fit:?}");
    assert!(fit.weighted);
}

#[test]
fn bad_specs_name_their_line() {
    let survey = two_options();
    let cases = [
        ("constants = [\"x\", \"z\"]\n", 1, "\"z\" is not an option"),
        ("\nmoney = \"tax\"\n", 2, "flexible budget"),
        (
            "money = \"budget\"\nattributes = [\"lawaai\"]\n",
            2,
            "not an effect",
        ),
        (
            "[[interactions]]\noption = \"x\"\nquestion = \"fiets\"\nchoice = \"ja\"\n",
            3,
            "not a background question",
        ),
        (
            "[[interactions]]\noption = \"x\"\nquestion = \"auto\"\nchoice = \"soms\"\n",
            4,
            "not an answer",
        ),
        ("classes = [5]\n", 1, "from 2 to 4"),
        ("weights = \"ja\"\n", 1, "boolean"),
    ];
    for (text, line, reason) in cases {
        let error = ModelSpec::parse(text, "model.toml", &survey).unwrap_err();
        assert_eq!(error.line, line, "{text}: {error}");
        assert!(
            error
                .to_string()
                .starts_with(&format!("model.toml:{line}: ")),
            "{error}"
        );
        assert!(error.to_string().contains(reason), "{text}: {error}");
    }
    // An interaction whose answer nobody gave is a constant column.
    let data = responses(&[
        (0, 0, 0, true, 10),
        (0, 1, 0, true, 20),
        (1, 1, 1, true, 30),
    ]);
    let text = "\n\n[[interactions]]\noption = \"x\"\nquestion = \"auto\"\nchoice = \"nee\"\n";
    let error = fit(&survey, &data, &spec(&survey, text), None).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("model.toml:3: interactions: no respondents answered auto = nee"),
        "{error}"
    );
}

/// The Mall survey, its census, its true parameters and its model.
fn mall() -> (Survey, Census, Params, ModelSpec) {
    let crate::Mall {
        survey,
        census,
        params,
        ..
    } = crate::mall();
    let spec =
        ModelSpec::parse(&read("surveys/mall-parkeren.model.toml"), "model", &survey).unwrap();
    (survey, census, params, spec)
}

/// Simulated households as responses.
fn as_responses(
    households: &[pwe_analysis::simulate::SimulatedHousehold],
    survey: &Survey,
) -> Responses {
    let mut r = Responses {
        background: vec![Vec::new(); survey.background().len()],
        ..Responses::default()
    };
    for (i, h) in households.iter().enumerate() {
        r.ids.push(format!("s{i}"));
        r.version_idx.push(h.version_idx);
        r.buurt.push(h.buurt.clone());
        for (column, answer) in r.background.iter_mut().zip(&h.background) {
            column.push(answer.as_deref().map(Into::into));
        }
        r.levels.push(h.portfolio.clone());
    }
    r
}

#[test]
fn parameters_are_recovered_from_simulated_households() {
    let (survey, census, params, spec) = mall();
    let mut truth: Vec<(String, f64)> = Vec::new();
    for (option, levels) in survey.options().iter().zip(&params.constants) {
        for (l, value) in levels.iter().enumerate() {
            let name = if option.is_binary() {
                format!("const:{}", option.id)
            } else {
                format!("const:{}:{}", option.id, l + 1)
            };
            truth.push((name, *value));
        }
    }
    truth.push(("delta0".into(), params.delta0));
    for i in &params.interactions {
        truth.push((
            format!(
                "{}×{}={}",
                survey.options()[i.option_idx].id,
                survey.background()[i.question_idx].id,
                i.choice
            ),
            i.value,
        ));
    }
    let (mut covered, mut total) = (0, 0);
    for seed in 1..=20 {
        let households = simulate(
            &survey,
            &census,
            &params,
            SimConfig {
                n: 2000,
                seed,
                bias: false,
            },
        )
        .unwrap();
        let (fit, _) = fit(&survey, &as_responses(&households, &survey), &spec, None).unwrap();
        assert!(
            fit.converged && fit.max_abs_gradient < 1e-6,
            "seed {seed}: {}",
            fit.max_abs_gradient
        );
        assert_eq!(fit.parameters.len(), truth.len());
        for (parameter, (name, value)) in fit.parameters.iter().zip(&truth) {
            assert_eq!(&parameter.name, name);
            total += 1;
            covered += usize::from((parameter.estimate - value).abs() <= 1.96 * parameter.se);
        }
    }
    let coverage = covered as f64 / total as f64;
    assert!(
        coverage >= 0.9,
        "{covered} of {total} intervals hold the true value"
    );
}

/// Whether BIC, among the latent-class fits that are a maximum, picks one
/// class for households of `seed` (and, with `other`, a second population of
/// `other_share` of them).
fn segments_of(
    seed: u64,
    n: usize,
    other: Option<(&Params, f64)>,
) -> pwe_analysis::model::latent::Segments {
    let (survey, census, params, spec) = mall();
    let config = |n: usize, seed: u64| SimConfig {
        n,
        seed,
        bias: false,
    };
    let mut households = Vec::new();
    match other {
        None => households = simulate(&survey, &census, &params, config(n, seed)).unwrap(),
        Some((second, share)) => {
            let m = (n as f64 * share).round() as usize;
            households.extend(simulate(&survey, &census, &params, config(n - m, seed)).unwrap());
            households.extend(simulate(&survey, &census, second, config(m, seed + 1000)).unwrap());
        }
    }
    let (fit, design) = fit(&survey, &as_responses(&households, &survey), &spec, None).unwrap();
    pwe_analysis::model::latent::segments(&design, &fit.scaled_beta, &[2], 3, seed).unwrap()
}

#[test]
fn one_population_gives_one_segment_and_a_mixture_two_with_its_shares() {
    // Data from one homogeneous population: the two-class fits reach no true
    // maximum or lose on BIC; one class must win in at least 9 of 10 seeds.
    let mut ones = 0;
    for seed in 1..=10 {
        let segments = segments_of(seed, 1000, None);
        // The figures docs/model-format.md records: seed, chosen, each fit's BIC and verdict.
        let fits: Vec<_> = segments
            .fits
            .iter()
            .map(|f| (f.classes, f.bic.round(), f.degenerate))
            .collect();
        eprintln!(
            "one population, seed {seed}: chosen {} of {fits:?}",
            segments.chosen
        );
        ones += usize::from(segments.chosen == 1);
    }
    assert!(ones >= 9, "one class chosen in only {ones} of 10 seeds");

    // A 60/40 mixture of two populations that value the options oppositely.
    let (_, _, mut second, _) = mall();
    for levels in &mut second.constants {
        for value in levels.iter_mut() {
            *value *= -2.0;
        }
    }
    let segments = segments_of(7, 1500, Some((&second, 0.4)));
    assert_eq!(
        segments.chosen,
        2,
        "{:?}",
        segments
            .fits
            .iter()
            .map(|f| (f.classes, f.bic, f.degenerate))
            .collect::<Vec<_>>()
    );
    let two = &segments.fits[1];
    assert!(two.degenerate.is_none());
    let shares: Vec<f64> = two.class.iter().map(|c| c.share).collect();
    eprintln!(
        "60/40 mixture, seed 7: BIC {:?}, shares {shares:?}",
        segments
            .fits
            .iter()
            .map(|f| f.bic.round())
            .collect::<Vec<_>>()
    );
    assert!(
        (shares[0] - 0.6).abs() < 0.06 && (shares[1] - 0.4).abs() < 0.06,
        "shares {shares:?}"
    );
}

#[test]
fn money_values_average_the_interactions_over_the_respondents() {
    let (survey, census, params, spec) = mall();
    let households = simulate(
        &survey,
        &census,
        &params,
        SimConfig {
            n: 2000,
            seed: 3,
            bias: false,
        },
    )
    .unwrap();
    let responses = as_responses(&households, &survey);
    let (fit, _) = fit(&survey, &responses, &spec, None).unwrap();
    let estimate = |name: &str| {
        fit.parameters
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .estimate
    };
    let delta0 = estimate("delta0");
    let pwe_analysis::model::spec::Money::Budget { unit } = spec.money else {
        panic!("the Mall spec values budget");
    };
    let mut checked_with_interactions = 0;
    for value in &fit.money_values {
        let option_idx = survey.option_idx(&value.option).unwrap();
        // By hand: δ_j plus each interaction's θ times the share of
        // respondents with its answer, over δ0 (unweighted: no weights here).
        let mut numerator = estimate(&value.name);
        for interaction in spec
            .interactions
            .iter()
            .filter(|i| i.option_idx == option_idx)
        {
            let question = &survey.background()[interaction.question_idx];
            let with = responses.background[interaction.question_idx]
                .iter()
                .filter(|a| a.as_deref() == Some(interaction.choice.as_str()))
                .count() as f64
                / responses.ids.len() as f64;
            numerator += with
                * estimate(&format!(
                    "{}×{}={}",
                    value.option, question.id, interaction.choice
                ));
            checked_with_interactions += 1;
        }
        assert!(
            (value.value - unit * numerator / delta0).abs() < 1e-9 * value.value.abs().max(1.0),
            "{value:?}"
        );
        assert!(
            (value.reference_value - unit * estimate(&value.name) / delta0).abs()
                < 1e-9 * value.value.abs().max(1.0)
        );
        assert_eq!(
            value.unstable,
            value.se > 0.5 * value.value.abs(),
            "{value:?}"
        );
    }
    assert!(
        checked_with_interactions > 0,
        "the Mall spec has interactions"
    );
    assert!(fit.warnings.is_empty(), "{:?}", fit.warnings);
}

#[test]
fn separation_and_non_convergence_are_said_in_words() {
    // Every household of version b chose x (some with y as well): x's
    // constant runs off to infinity. (A level no one chose is refused before
    // estimating, as not identified.)
    let survey = two_options();
    let data = responses(&[(1, 1, 0, true, 30), (1, 1, 1, true, 10)]);
    let (fit, _) = fit(&survey, &data, &spec(&survey, "money = \"none\""), None).unwrap();
    assert!(
        fit.warnings
            .iter()
            .any(|w| w.contains("everyone who could chose Optie X") && w.contains("separation")),
        "{:?}",
        fit.warnings
    );
}
