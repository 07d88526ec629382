//! Shared inputs for the benchmarks: generated surveys of a chosen size.

use std::fmt::Write;

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
