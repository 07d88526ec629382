//! `pwe model`: the portfolio logit (and its latent classes) on an export folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use pwe_analysis::load::load;
use pwe_analysis::model::report::estimate;
use pwe_analysis::model::spec::ModelSpec;
use pwe_core::Survey;

use crate::survey_cmd;

/// `pwe model`.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// The survey the responses answer.
    #[arg(long)]
    survey: PathBuf,
    /// The export folder (`pwe export` or `pwe simulate`).
    #[arg(long)]
    responses: PathBuf,
    /// The model specification (default: <survey>.model.toml, else constants and δ0).
    #[arg(long)]
    spec: Option<PathBuf>,
    /// The population file, needed when the spec uses the raking weights.
    #[arg(long)]
    population: Option<PathBuf>,
    /// The seed of the latent-class starts.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the estimates as JSON.
    #[arg(long)]
    out: PathBuf,
}

/// The spec at `path`, the survey's own `<survey>.model.toml`, or the default.
pub fn load_spec(survey_path: &Path, path: Option<&Path>, survey: &Survey) -> Result<ModelSpec> {
    let default = survey_path.with_extension("model.toml");
    let path = match path {
        Some(path) => path.to_path_buf(),
        None if default.exists() => default,
        None => return Ok(ModelSpec::default_for(survey)),
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading the model spec {}", path.display()))?;
    Ok(ModelSpec::parse(
        &text,
        &path.display().to_string(),
        survey,
    )?)
}

/// Estimates and writes model.json; prints the estimates.
pub fn run(args: &ModelArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let responses = load(&args.responses, &survey).context("reading the responses")?;
    let spec = load_spec(&args.survey, args.spec.as_deref(), &survey)?;
    let weights = if spec.weights {
        let population = args
            .population
            .as_ref()
            .context("the spec uses the raking weights (weights = true): give --population")?;
        Some(crate::analyze_cmd::weights(
            &args.survey,
            population,
            &survey,
            &responses,
        )?)
    } else {
        None
    };
    let value = estimate(&survey, &responses, &spec, weights.as_deref(), args.seed)?.to_json();
    std::fs::write(&args.out, serde_json::to_string_pretty(&value)? + "\n")
        .with_context(|| format!("writing {}", args.out.display()))?;
    if value["identified"] == false {
        eprintln!("the model cannot be estimated on these data:");
        for problem in value["problems"].as_array().into_iter().flatten() {
            eprintln!("- {}", problem.as_str().unwrap_or_default());
        }
        return Ok(ExitCode::from(3));
    }
    println!(
        "portfolio logit on {} responses ({} groups): loglik {:.3}, rho² {:.4}, {} Newton iterations, largest gradient {:.1e}",
        value["n"],
        value["groups"],
        value["loglik"].as_f64().unwrap_or(f64::NAN),
        value["rho2"].as_f64().unwrap_or(f64::NAN),
        value["iterations"],
        value["max_abs_gradient"].as_f64().unwrap_or(f64::NAN)
    );
    // A weighted fit is a pseudo-likelihood: only the robust errors hold.
    let p_field = if value["weighted"] == true {
        "robust_p"
    } else {
        "p"
    };
    println!(
        "{:<36} {:>10} {:>9} {:>9} {:>8}",
        "parameter", "estimate", "se", "robust", p_field
    );
    for p in value["parameters"].as_array().into_iter().flatten() {
        println!(
            "{:<36} {:>10.4} {:>9.4} {:>9.4} {:>8.4}",
            p["name"].as_str().unwrap_or_default(),
            p["estimate"].as_f64().unwrap_or(f64::NAN),
            p["se"].as_f64().unwrap_or(f64::NAN),
            p["robust_se"].as_f64().unwrap_or(f64::NAN),
            p[p_field].as_f64().unwrap_or(f64::NAN)
        );
    }
    for warning in value["warnings"].as_array().into_iter().flatten() {
        println!("warning: {}", warning.as_str().unwrap_or_default());
    }
    if let Some(chosen) = value["segments"]["chosen"].as_u64() {
        for fit in value["segments"]["fits"].as_array().into_iter().flatten() {
            let verdict = fit["degenerate"].as_str().unwrap_or("a maximum");
            println!(
                "latent classes: {} — BIC {:.1}, {verdict}",
                fit["classes"],
                fit["bic"].as_f64().unwrap_or(f64::NAN)
            );
        }
        match chosen {
            1 => println!("latent classes: BIC prefers 1 (no evidence of distinct groups)"),
            n => println!("latent classes: BIC prefers {n}"),
        }
    }
    println!("written to {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
