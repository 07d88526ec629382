//! `pwe weight`: rake respondents to the population and print the diagnostics.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use pwe_core::weighting::design::{EmptyCategory, Missing};
use pwe_core::weighting::diagnostics::LARGE_WEIGHT;
use pwe_core::weighting::files::{PopulationMapping, parse_margins, parse_respondents};
use pwe_core::weighting::representativeness::{
    ALPHA, LARGE_BIAS, MarginAssessment, MarginVerdict, SMALL_DIFFERENCE, assess,
};
use pwe_core::weighting::{Margin, RakeConfig, Raking, rake};

use crate::population_cmd;

/// Everything `pwe weight` is asked to do.
#[derive(Debug, clap::Args)]
pub struct WeightArgs {
    /// Respondents: a CSV with `respondent_id` and a column per margin variable.
    #[arg(long)]
    respondents: PathBuf,
    /// A population file in the CBS layout (with --mapping or --survey).
    #[arg(long, conflicts_with = "margins", required_unless_present = "margins")]
    population: Option<PathBuf>,
    /// Margins given directly: a CSV with `variable,category,target`.
    #[arg(long)]
    margins: Option<PathBuf>,
    /// The mapping from CBS columns to categories (default: <survey>.population.toml).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// The survey whose population mapping to use (surveys/<id>.toml).
    #[arg(long)]
    survey: Option<PathBuf>,
    /// The margin variables to weight to, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    by: Vec<String>,
    /// Cap every weight at this multiple of the mean weight.
    #[arg(long)]
    cap: Option<f64>,
    /// Give respondents without a value their own category instead of refusing.
    #[arg(long)]
    missing_own_category: bool,
    /// Collapse an empty population category into a neighbour: `variable:category=into`.
    #[arg(long)]
    collapse: Vec<String>,
    /// Drop an empty population category: `variable:category`.
    #[arg(long)]
    drop: Vec<String>,
    /// Stop when the largest relative margin error is at most this.
    #[arg(long, default_value_t = 1e-10)]
    tolerance: f64,
    /// Give up after this many sweeps.
    #[arg(long, default_value_t = 1000)]
    max_sweeps: u32,
    /// Write the last sweep's weights, with a warning, if raking does not converge.
    #[arg(long)]
    accept_nonconvergence: bool,
    /// Where to write `respondent_id,weight`.
    #[arg(long)]
    out: PathBuf,
}

fn read(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading the {what} {}", path.display()))
}

/// `pwe weight ...`.
pub fn run(args: &WeightArgs) -> Result<ExitCode> {
    let respondents_file = args.respondents.display().to_string();
    let respondents = parse_respondents(
        &read(&args.respondents, "respondents file")?,
        &respondents_file,
        &args.by,
    )?;
    let margins = load_margins(args)?;
    let mut config = RakeConfig {
        tolerance: args.tolerance,
        max_sweeps: args.max_sweeps,
        accept_nonconvergence: args.accept_nonconvergence,
        cap: args.cap,
        ..RakeConfig::default()
    };
    if args.missing_own_category {
        config.design.missing = Missing::OwnCategory;
    }
    for rule in &args.collapse {
        let (variable, rest) = rule
            .split_once(':')
            .context("--collapse takes variable:category=into")?;
        let (category, into) = rest
            .split_once('=')
            .context("--collapse takes variable:category=into")?;
        config.design.empty_categories.push((
            variable.into(),
            category.into(),
            EmptyCategory::CollapseInto(into.into()),
        ));
    }
    for rule in &args.drop {
        let (variable, category) = rule
            .split_once(':')
            .context("--drop takes variable:category")?;
        config.design.empty_categories.push((
            variable.into(),
            category.into(),
            EmptyCategory::Drop,
        ));
    }
    let raking = rake(&respondents.sample, &margins, &config)
        .with_context(|| format!("weighting the respondents of {respondents_file}"))?;
    let mut out = String::from("respondent_id,weight\n");
    for (id, weight) in respondents.ids.iter().zip(&raking.weights) {
        writeln!(out, "{id},{weight}").expect("writing to a string");
    }
    std::fs::write(&args.out, out).with_context(|| format!("writing {}", args.out.display()))?;
    for warning in &raking.warnings {
        eprintln!("warning: {warning}");
    }
    // Propensities come from weights that only reproduce the margins: a capped
    // weight no longer says how many households a respondent stands for.
    let untrimmed = match args.cap {
        None => raking.weights.clone(),
        Some(_) => {
            let uncapped = RakeConfig {
                cap: None,
                ..config.clone()
            };
            rake(&respondents.sample, &margins, &uncapped)?.weights
        }
    };
    print!("{}", report(&raking, &margins, &untrimmed)?);
    println!("weights written to {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}

fn load_margins(args: &WeightArgs) -> Result<Vec<Margin>> {
    if let Some(path) = &args.margins {
        let file = path.display().to_string();
        let all = parse_margins(&read(path, "margins file")?, &file)?;
        return args
            .by
            .iter()
            .map(|variable| {
                all.iter()
                    .find(|m| &m.variable == variable)
                    .cloned()
                    .with_context(|| format!("{file} has no margin {variable}"))
            })
            .collect();
    }
    let Some(population_path) = &args.population else {
        bail!("give --population (with --mapping or --survey) or --margins");
    };
    let mapping_path = match (&args.mapping, &args.survey) {
        (Some(mapping), _) => mapping.clone(),
        (None, Some(survey)) => survey.with_extension("population.toml"),
        (None, None) => bail!(
            "give --mapping FILE (how CBS columns make up the categories, such as surveys/mall-parkeren.population.toml) or --survey FILE"
        ),
    };
    let mapping_file = mapping_path.display().to_string();
    let mapping =
        PopulationMapping::parse(&read(&mapping_path, "population mapping")?, &mapping_file)?;
    let population = population_cmd::load(population_path)?;
    Ok(mapping.margins(
        &population,
        &args.by,
        &population_path.display().to_string(),
    )?)
}

/// The diagnostics table: the weights, every margin before and after, how
/// representative the respondents were, and the verdicts.
fn report(raking: &Raking, margins: &[Margin], untrimmed: &[f64]) -> Result<String> {
    let assessment = assess(raking, margins, untrimmed, None)?;
    let diagnostics = &assessment.diagnostics;
    let mut out = String::new();
    let w = &mut out;
    writeln!(
        w,
        "raked {} respondents to {} margins in {} sweeps (largest relative margin error {:.1e}){}",
        diagnostics.n,
        margins.len(),
        raking.sweeps,
        raking.max_error,
        if raking.n_trimmed > 0 {
            format!(", {} weights capped", raking.n_trimmed)
        } else {
            String::new()
        }
    )?;
    writeln!(
        w,
        "weights: sum {:.1}, design effect {:.3}, effective sample size {:.1}",
        diagnostics.sum, diagnostics.design_effect, diagnostics.effective_n
    )?;
    write!(w, "  min {:.3}", diagnostics.min)?;
    for (p, value) in &diagnostics.percentiles {
        write!(w, "  p{} {value:.3}", (p * 100.0).round())?;
    }
    writeln!(w, "  max {:.3}", diagnostics.max)?;
    if diagnostics.n_large > 0 {
        writeln!(
            w,
            "  warning: {} weight(s) above {LARGE_WEIGHT} times the mean (the largest is {:.1} times): a few respondents carry the figures; consider --cap {LARGE_WEIGHT}",
            diagnostics.n_large, diagnostics.max_ratio
        )?;
    }
    for margin in &assessment.margins {
        write_margin(w, margin, assessment.invited)?;
    }
    let overall = &assessment.overall;
    writeln!(w)?;
    writeln!(
        w,
        "R-indicator from the raked weights (propensities 1/w, main effects of every margin): {:.3}, adjusted for estimation {:.3}, 95% interval {:.3} to {:.3} (mean propensity {:.3})",
        overall.r,
        overall.r_adjusted,
        overall.interval.0,
        overall.interval.1,
        overall.mean_propensity
    )?;
    writeln!(
        w,
        "verdict: {} selective response on {}: unweighted, a mean can be off by at most {:.2} standard deviations (small below {SMALL_DIFFERENCE}, large from {LARGE_BIAS}); the weights correct for these characteristics, not for others related to taking part{}",
        assessment.verdict.degree(pwe_core::Lang::En),
        margins
            .iter()
            .map(|m| m.variable.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        overall.max_bias_high,
        if diagnostics.n_large > 0 {
            format!(
                "; {} weight(s) above {LARGE_WEIGHT} times the mean",
                diagnostics.n_large
            )
        } else {
            String::new()
        }
    )?;
    Ok(out)
}

fn write_margin(w: &mut String, margin: &MarginAssessment, invited: f64) -> std::fmt::Result {
    writeln!(w)?;
    writeln!(
        w,
        "{:<24} {:>6} {:>9} {:>10} {:>12} {:>11} {:>10}",
        margin.variable, "n", "sample %", "weighted %", "population %", "ASMD before", "ASMD after"
    )?;
    for c in &margin.categories {
        writeln!(
            w,
            "  {:<22} {:>6} {:>9.1} {:>10.1} {:>12.1} {:>11.3} {:>10.3}",
            c.category,
            c.n,
            c.sample_pct,
            c.weighted_pct,
            c.population_pct,
            c.asmd_before,
            c.asmd_after
        )?;
    }
    if margin.missing > 0 {
        writeln!(
            w,
            "  {} respondent(s) ({:.1}%) without a value: left out of the shares and the test",
            margin.missing, margin.missing_pct
        )?;
    }
    if let Some(test) = margin.test {
        writeln!(
            w,
            "  respondents against the invited households (census test): chi-square {:.2}, df {}, p = {:.3e}",
            test.statistic, test.df, test.p_value
        )?;
    }
    if !margin.shares_only {
        write!(w, "  response rate:")?;
        for c in &margin.categories {
            let rate = c.n as f64 / (c.population_pct / 100.0 * invited);
            write!(w, " {} {:.1}%", c.category, 100.0 * rate)?;
        }
        writeln!(w)?;
    }
    if let Some(indicator) = &margin.indicator {
        write!(
            w,
            "  partial R-indicator (unconditional): variable {:.4}; per category",
            indicator.s
        )?;
        for (label, partial) in &indicator.partial {
            write!(w, " {label} {partial:+.4}")?;
        }
        writeln!(w)?;
    }
    if margin.shares_only {
        writeln!(
            w,
            "  note: the population of {} is given as shares (not households): only its composition is compared, and its groups may hold people no respondent stands for",
            margin.variable
        )?;
    }
    writeln!(
        w,
        "  verdict: {}",
        match margin.verdict {
            MarginVerdict::Alike => format!(
                "respondents are like the population (no difference beyond chance, p >= {ALPHA})"
            ),
            MarginVerdict::SmallDifference => format!(
                "a difference beyond chance but small (every standardised difference below {SMALL_DIFFERENCE})"
            ),
            MarginVerdict::Corrected => format!(
                "respondents differ; the weighting corrects it (every standardised difference below {SMALL_DIFFERENCE} after weighting)"
            ),
            MarginVerdict::Uncorrected =>
                "respondents differ and the weighting does not correct it".to_string(),
        }
    )
}
