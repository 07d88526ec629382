//! Shared inputs for the benchmarks: generated surveys of a chosen size.

pub mod pageflow;

use std::fmt::Write;

/// The Mall survey of `surveys/`, parsed.
pub fn mall_survey() -> pwe_core::Survey {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../surveys/mall-parkeren.toml");
    pwe_core::Survey::parse(
        &std::fs::read_to_string(path).unwrap(),
        "mall-parkeren.toml",
    )
    .unwrap()
}

/// The text of a survey with `n_options` binary options of varied cost, a budget
/// that buys about half of them, one exclusive group of three and a target, so
/// that the enumerator has real pruning to do.
pub fn survey_toml(n_options: usize) -> String {
    let mut out = String::from(
        "format = 1\n[survey]\nid = \"bench\"\ntitle = \"t\"\norganiser = \"o\"\n\
         opens = 2027-01-01T09:00:00\ncloses = 2027-02-01T09:00:00\n\
         participation_level = \"raadplegen\"\nprivacy = \"p\"\nretention_until = 2027-12-31\n\
         [[effects]]\nid = \"e\"\nlabel = \"e\"\nunit = \"%\"\n\
         [motivation]\nchosen = \"w\"\nnot_chosen = \"n\"\n",
    );
    let costs: Vec<i64> = (0..n_options)
        .map(|idx| 50_000 + (idx as i64 * 37_000) % 250_000)
        .collect();
    let total: i64 = costs.iter().sum();
    writeln!(out, "[budget]\namount = {}", total / 2).unwrap();
    out.push_str("[[targets]]\neffect = \"e\"\nat_most = -5\n");
    if n_options >= 3 {
        out.push_str("[[exclusive]]\nid = \"g\"\noptions = [\"o0\", \"o1\", \"o2\"]\n");
    }
    for (idx, cost) in costs.iter().enumerate() {
        writeln!(
            out,
            "[[options]]\nid = \"o{idx}\"\ntitle = \"t\"\ndescription = \"d\"\ncost = {cost}\neffects = {{ e = {} }}",
            -((idx % 5) as i64) - 1
        )
        .unwrap();
    }
    out
}

/// A generated sample: category codes per margin variable, with non-response
/// bias so that raking has work to do, and margins of the population.
pub struct WeightingInput {
    /// Category of every respondent on every variable, as text (`c0`, `c1`, ...).
    pub columns: Vec<(String, Vec<Option<String>>)>,
    /// The same categories as indices, for the reference implementation.
    pub codes: Vec<Vec<u32>>,
    /// Population targets of every category, all summing to the same total.
    pub targets: Vec<Vec<f64>>,
}

/// `n` respondents on margins with the given numbers of categories (8, 4, 3, 3
/// for buurt, age band, household type and cars), drawn with a seeded generator.
pub fn weighting_input(n: usize, sizes: &[usize], seed: u64) -> WeightingInput {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let total = 1_000_000.0;
    let mut columns = Vec::new();
    let mut codes: Vec<Vec<u32>> = Vec::new();
    let mut targets = Vec::new();
    for (v, &k) in sizes.iter().enumerate() {
        // Respondents over-represent the higher categories, strongly so on the
        // first variable (its lowest category gets weights far above the mean,
        // so a cap binds); the population is uniform.
        let draw_weights: Vec<f64> = (0..k)
            .map(|c| {
                if v == 0 {
                    (1 + c) as f64
                } else {
                    1.0 + c as f64 / k as f64
                }
            })
            .collect();
        let sum: f64 = draw_weights.iter().sum();
        let variable_codes: Vec<u32> = (0..n)
            .map(|respondent| {
                // Later variables follow the first for some respondents, so the
                // margins are related and raking needs several sweeps.
                if v > 0 && rng.random::<f64>() < 0.4 {
                    return codes[0][respondent] % k as u32;
                }
                let mut u = rng.random::<f64>() * sum;
                let mut category = 0;
                while category + 1 < k && u >= draw_weights[category] {
                    u -= draw_weights[category];
                    category += 1;
                }
                category as u32
            })
            .collect();
        columns.push((
            format!("v{v}"),
            variable_codes
                .iter()
                .map(|c| Some(format!("c{c}")))
                .collect(),
        ));
        codes.push(variable_codes);
        targets.push(vec![total / k as f64; k]);
    }
    WeightingInput {
        columns,
        codes,
        targets,
    }
}

/// The straightforward reference: iterative proportional fitting over
/// respondents (no cells), two passes per margin per sweep, until the largest
/// relative margin error is at most `tolerance`. Returns the weights and sweeps.
pub fn reference_rake(codes: &[Vec<u32>], targets: &[Vec<f64>], tolerance: f64) -> (Vec<f64>, u32) {
    let n = codes[0].len();
    let mut weights = vec![1.0; n];
    let mut totals: Vec<Vec<f64>> = targets.iter().map(|t| vec![0.0; t.len()]).collect();
    let mut sweeps = 0;
    loop {
        let mut max_error: f64 = 0.0;
        for (v, variable_codes) in codes.iter().enumerate() {
            totals[v].fill(0.0);
            for (&c, &w) in variable_codes.iter().zip(&weights) {
                totals[v][c as usize] += w;
            }
            for (t, target) in totals[v].iter().zip(&targets[v]) {
                max_error = max_error.max((t - target).abs() / target);
            }
        }
        if max_error <= tolerance || sweeps == 1000 {
            return (weights, sweeps);
        }
        for (v, variable_codes) in codes.iter().enumerate() {
            totals[v].fill(0.0);
            for (&c, &w) in variable_codes.iter().zip(&weights) {
                totals[v][c as usize] += w;
            }
            for (t, target) in totals[v].iter_mut().zip(&targets[v]) {
                *t = target / *t;
            }
            for (&c, w) in variable_codes.iter().zip(weights.iter_mut()) {
                *w *= totals[v][c as usize];
            }
        }
        sweeps += 1;
    }
}

/// A survey for the choice-model benchmarks: `n_options` binary options, a
/// budget that buys about 40% of them, two versions whose costs differ (so
/// that δ0 is identified) and two background questions to interact with.
pub fn model_survey(n_options: usize) -> pwe_core::Survey {
    let mut out = String::from(
        "format = 1\n[survey]\nid = \"bench\"\ntitle = \"t\"\norganiser = \"o\"\n\
         opens = 2027-01-01T09:00:00\ncloses = 2027-02-01T09:00:00\n\
         participation_level = \"raadplegen\"\nprivacy = \"p\"\nretention_until = 2027-12-31\n\
         [motivation]\nchosen = \"w\"\nnot_chosen = \"n\"\n\
         [[background]]\nid = \"auto\"\nkind = \"single\"\ntext = \"a\"\nchoices = [{ id = \"ja\", label = \"j\" }, { id = \"nee\", label = \"n\" }]\n\
         [[background]]\nid = \"leeftijd\"\nkind = \"single\"\ntext = \"l\"\nchoices = [{ id = \"jong\", label = \"j\" }, { id = \"midden\", label = \"m\" }, { id = \"oud\", label = \"o\" }]\n",
    );
    let costs: Vec<i64> = (0..n_options)
        .map(|idx| 50_000 + (idx as i64 * 37_000) % 250_000)
        .collect();
    let total: i64 = costs.iter().sum();
    writeln!(out, "[budget]\namount = {}", total * 2 / 5).unwrap();
    for (idx, cost) in costs.iter().enumerate() {
        writeln!(
            out,
            "[[options]]\nid = \"o{idx}\"\ntitle = \"t\"\ndescription = \"d\"\ncost = {cost}"
        )
        .unwrap();
    }
    out.push_str("[[versions]]\nid = \"a\"\nshare = 0.5\n[[versions]]\nid = \"b\"\nshare = 0.5\n[versions.costs]\n");
    for (idx, cost) in costs.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        writeln!(out, "o{idx} = {}", cost * 13 / 10).unwrap();
    }
    pwe_core::Survey::parse(&out, "bench.toml").expect("a valid generated survey")
}

/// The spec of the model benchmarks: constants, δ0 per € 100.000 and the
/// first `interactions` of three interactions.
pub fn model_spec(
    survey: &pwe_core::Survey,
    interactions: usize,
) -> pwe_analysis::model::spec::ModelSpec {
    let mut text = String::from("money_unit = 100_000\n");
    for (option, question, choice) in [
        ("o1", "auto", "nee"),
        ("o2", "leeftijd", "oud"),
        ("o3", "leeftijd", "jong"),
    ]
    .iter()
    .take(interactions)
    {
        writeln!(text, "[[interactions]]\noption = \"{option}\"\nquestion = \"{question}\"\nchoice = \"{choice}\"").unwrap();
    }
    pwe_analysis::model::spec::ModelSpec::parse(&text, "bench", survey).expect("a valid spec")
}

/// `n` responses drawn from the portfolio logit of [`model_survey`] with
/// constants 0.5, −0.3, ... , δ0 = 0.8 and interactions 0.7, −0.6, 0.5.
pub fn model_responses(
    survey: &pwe_core::Survey,
    n: usize,
    seed: u64,
) -> pwe_analysis::load::Responses {
    use pwe_core::feasible::{Limits, enumerate};
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let sets: Vec<_> = survey
        .versions()
        .iter()
        .map(|v| {
            enumerate(&pwe_core::ChoiceTask::new(survey, v), Limits::default()).expect("enumerable")
        })
        .collect();
    let constants: Vec<f64> = (0..survey.options().len())
        .map(|j| if j % 2 == 0 { 0.5 } else { -0.3 })
        .collect();
    // Cumulative choice probabilities per version and covariate pattern.
    let mut cumulative = std::collections::HashMap::new();
    let mut responses = pwe_analysis::load::Responses {
        background: vec![Vec::with_capacity(n), Vec::with_capacity(n)],
        ..Default::default()
    };
    for r in 0..n {
        let version = rng.random_range(0..2usize);
        let car = rng.random_bool(0.7);
        let age = rng.random_range(0..3usize);
        let table = cumulative.entry((version, car, age)).or_insert_with(|| {
            let set = &sets[version];
            let budget = survey.versions()[version].budget.get() as f64;
            let utilities: Vec<f64> = set
                .iter()
                .enumerate()
                .map(|(p, levels)| {
                    let mut u = 0.8 * (budget - set.cost(p).get() as f64) / 100_000.0;
                    for (j, l) in levels.iter().enumerate() {
                        if *l > 0 {
                            u += constants[j];
                            u += match j {
                                1 if !car => 0.7,
                                2 if age == 2 => -0.6,
                                3 if age == 0 => 0.5,
                                _ => 0.0,
                            };
                        }
                    }
                    u
                })
                .collect();
            let max = utilities.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut sum = 0.0;
            let mut cumulative: Vec<f64> = utilities
                .iter()
                .map(|u| {
                    sum += (u - max).exp();
                    sum
                })
                .collect();
            cumulative.iter_mut().for_each(|c| *c /= sum);
            cumulative
        });
        let u: f64 = rng.random();
        let pick = table.partition_point(|c| *c < u).min(table.len() - 1);
        responses.ids.push(format!("r{r}"));
        responses.version_idx.push(version);
        responses.buurt.push("B".into());
        responses.background[0].push(Some(if car { "ja" } else { "nee" }.into()));
        responses.background[1].push(Some(["jong", "midden", "oud"][age].into()));
        responses.levels.push(sets[version].levels(pick).to_vec());
    }
    responses
}

/// The straightforward reference: the log-likelihood, gradient and Hessian
/// summed respondent by respondent, each with its own denominator over its
/// version's feasible set (no groups, no cells).
pub fn reference_evaluate(
    design: &pwe_analysis::model::design::Design,
    beta: &[f64],
) -> (f64, Vec<f64>, Vec<f64>) {
    let k = design.k();
    let (mut ll, mut g, mut h) = (0.0, vec![0.0; k], vec![0.0; k * k]);
    for &(group_idx, cell_idx) in &design.respondent_cell {
        let group = &design.groups[group_idx];
        let chosen = group.cells[cell_idx].alt;
        let v: Vec<f64> = (0..group.n_alt)
            .map(|a| group.row(a, k).iter().zip(beta).map(|(x, b)| x * b).sum())
            .collect();
        let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lse = max + v.iter().map(|u| (u - max).exp()).sum::<f64>().ln();
        ll += v[chosen] - lse;
        let mut mean = vec![0.0; k];
        for (a, va) in v.iter().enumerate() {
            let p = (va - lse).exp();
            let row = group.row(a, k);
            for i in 0..k {
                mean[i] += p * row[i];
                for j in 0..k {
                    h[i * k + j] -= p * row[i] * row[j];
                }
            }
        }
        let row = group.row(chosen, k);
        for i in 0..k {
            g[i] += row[i] - mean[i];
            for j in 0..k {
                h[i * k + j] += mean[i] * mean[j];
            }
        }
    }
    (ll, g, h)
}
