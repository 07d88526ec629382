//! `pwe survey check` and `pwe survey show`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use pwe_core::council::{self, CouncilResponse};
use pwe_core::feasible::{self, Limits};
use pwe_core::format::{self, cents as display_cents};
use pwe_core::{ChoiceTask, Euros, Lang, Portfolio, Survey};

/// Reads and parses a survey file; a file with problems is printed and reported.
pub fn load(path: &Path) -> Result<Survey> {
    let source = std::fs::read_to_string(path)
        .with_context(|| format!("reading the survey file {}", path.display()))?;
    Survey::parse(&source, &path.display().to_string()).map_err(anyhow::Error::new)
}

/// Reads the council's response file `path` of the survey at `survey_path`.
pub fn load_response(path: &Path, survey: &Survey) -> Result<CouncilResponse> {
    let source = std::fs::read_to_string(path)
        .with_context(|| format!("reading the response file {}", path.display()))?;
    council::parse(&source, &path.display().to_string(), survey).map_err(anyhow::Error::new)
}

/// The council's answer of `--response`, when given.
pub fn load_council(path: Option<&Path>, survey: &Survey) -> Result<Option<CouncilResponse>> {
    path.map(|path| load_response(path, survey)).transpose()
}

/// `pwe response check PATH --survey S`.
pub fn check_response(path: &Path, survey_path: &Path) -> Result<ExitCode> {
    let survey = load(survey_path)?;
    let response = load_response(path, &survey)?;
    println!(
        "{}: valid response to \"{}\", decided {} by {}",
        path.display(),
        survey.meta().id,
        response.decided,
        response.body.nl()
    );
    for answer in &response.options {
        println!(
            "  {:<24} {:<12} {} step(s)",
            survey.options()[answer.option_idx].id,
            answer.decision.code(),
            answer.steps.len()
        );
    }
    for field in response.without_english(&survey) {
        eprintln!(
            "warning: {}: {field} has no English; the English results page shows the Dutch",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A moment as the command line writes it: "11 January 2027, 09:00".
pub fn moment(at: chrono::NaiveDateTime) -> String {
    format!(
        "{}, {}",
        format::date(at.date(), Lang::En),
        at.format("%H:%M")
    )
}

/// `pwe survey check PATH`.
pub fn check(path: &Path) -> Result<ExitCode> {
    let survey = load(path)?;
    let meta = survey.meta();
    let tz = meta.timezone;
    println!(
        "{}: valid survey \"{}\" ({})",
        path.display(),
        meta.title.nl(),
        meta.id
    );
    println!("  organiser:     {}", meta.organiser.nl());
    println!(
        "  open:          {} to {} ({tz}), {}",
        moment(meta.opens.with_timezone(&tz).naive_local()),
        moment(meta.closes.with_timezone(&tz).naive_local()),
        format::duration(meta.closes - meta.opens, Lang::En)
    );
    println!("  participation: {}", meta.participation_level.name());
    println!(
        "  retention:     personal data purged after {}",
        format::date(meta.retention_until, Lang::En)
    );
    println!("  pages:         {}", survey.pages().len());

    let options = survey.options();
    let n_levelled = options.iter().filter(|o| !o.is_binary()).count();
    println!(
        "  options:       {} ({} binary, {n_levelled} with levels)",
        options.len(),
        options.len() - n_levelled
    );
    let id_width = options.iter().map(|o| o.id.len()).max().unwrap_or(0);
    for (option_idx, option) in options.iter().enumerate() {
        let costs = survey
            .versions()
            .iter()
            .flat_map(|version| {
                (1..=option.max_level()).map(move |level| version.cost(option_idx, level))
            })
            .collect::<Vec<_>>();
        let (lo, hi) = min_max(&costs);
        let range = if lo == hi {
            lo.display(Lang::En)
        } else {
            format!("{} .. {}", lo.display(Lang::En), hi.display(Lang::En))
        };
        println!(
            "    {:id_width$}  {range:>27}  {}",
            option.id,
            option.title.nl()
        );
    }

    let rules = survey.rules();
    println!(
        "  rules:         {} target(s), {} exclusive group(s){}{}{}",
        rules.targets.len(),
        rules.exclusive.len(),
        rules
            .min_options
            .map_or(String::new(), |n| format!(", at least {n} options")),
        rules
            .max_options
            .map_or(String::new(), |n| format!(", at most {n} options")),
        rules.flexible.map_or(String::new(), |f| format!(
            ", flexible budget (-{} .. +{})",
            f.max_under.display(Lang::En),
            f.max_over.display(Lang::En)
        )),
    );
    println!("  versions:");
    for version in survey.versions() {
        let task = ChoiceTask::new(&survey, version);
        let started = Instant::now();
        let set = feasible::enumerate(&task, Limits::default())
            .with_context(|| format!("enumerating the portfolios of version {}", version.id))?;
        let costs: Vec<Euros> = (0..set.len()).map(|idx| set.cost(idx)).collect();
        let (lo, hi) = min_max(&costs);
        println!(
            "    {}  share {}  budget {}  {} feasible portfolios costing {} .. {} (enumerated in {} ms)",
            version.id,
            format::percent(version.share, 0, Lang::En),
            version.budget.display(Lang::En),
            format::count(i64::try_from(set.len()).unwrap_or(i64::MAX), Lang::En),
            lo.display(Lang::En),
            hi.display(Lang::En),
            format::decimal(started.elapsed().as_secs_f64() * 1000.0, 1, Lang::En)
        );
    }
    println!(
        "  questions:     {} background, {} evaluation",
        survey.background().len(),
        survey.evaluation().len()
    );
    let advice = pwe_core::lint::lint(&survey);
    for line in &advice {
        eprintln!("warning: {line}");
    }
    Ok(ExitCode::SUCCESS)
}

fn min_max(amounts: &[Euros]) -> (Euros, Euros) {
    let lo = amounts.iter().copied().min().unwrap_or_default();
    let hi = amounts.iter().copied().max().unwrap_or_default();
    (lo, hi)
}

/// `pwe survey show PATH --portfolio a,b,c:2 [--version V]`.
pub fn show(path: &Path, choices: &[String], version: Option<&str>) -> Result<ExitCode> {
    let survey = load(path)?;
    let version = match version {
        None => &survey.versions()[0],
        Some(id) => match survey.version(id) {
            Some(version) => version,
            None => bail!(
                "unknown version \"{id}\"; the survey has {}",
                survey
                    .versions()
                    .iter()
                    .map(|v| v.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    };
    let mut parsed = Vec::new();
    for choice in choices.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let (id, level) = match choice.split_once(':') {
            None => (choice, 1),
            Some((id, level)) => (
                id,
                level
                    .parse::<u32>()
                    .with_context(|| format!("the level in \"{choice}\" is not a whole number"))?,
            ),
        };
        parsed.push((id, level));
    }
    let portfolio =
        Portfolio::from_choices(&survey, parsed.iter().copied()).context("reading --portfolio")?;
    let task = ChoiceTask::new(&survey, version);
    let totals = task.totals(&portfolio);
    println!(
        "version {}, budget {}",
        version.id,
        version.budget.display(Lang::En)
    );
    for option_idx in portfolio.chosen() {
        let option = &survey.options()[option_idx];
        let level = portfolio.level(option_idx);
        let label = match &option.levels[usize::from(level) - 1].label {
            Some(label) => format!(" ({})", label.nl()),
            None => String::new(),
        };
        println!(
            "  {:>14}  {}{label}",
            task.cost(option_idx, level).display(Lang::En),
            option.title.nl()
        );
    }
    println!("cost:      {}", totals.cost.display(Lang::En));
    println!("remaining: {}", totals.remaining().display(Lang::En));
    if let Some(flex) = &survey.rules().flexible {
        // As the choice page shows it: never beyond what the rules allow.
        let over = totals.cost - task.budget();
        println!(
            "tax change per household per year: {}",
            display_cents(
                pwe_core::explain::charge_within_bounds(flex, over),
                Lang::En
            )
        );
    }
    for (effect, total) in survey.effects().iter().zip(&totals.effects) {
        println!(
            "{}: {}",
            effect.label.nl(),
            pwe_core::explain::quantity(*total, effect.unit.nl(), Lang::En, false)
        );
    }
    let violations = task.violations(&portfolio);
    if violations.is_empty() {
        println!("meets every rule");
        return Ok(ExitCode::SUCCESS);
    }
    for violation in &violations {
        println!("breaks {}: {}", violation.rule.code(), violation.message.nl);
        println!("  {}", violation.message.en);
    }
    Ok(ExitCode::from(3))
}
