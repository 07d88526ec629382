//! `pwe status`: turnout while the consultation is open, for the staff who
//! decide on reminders.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use pwe_core::weighting::representativeness::Assessment;
use pwe_service::store::{BuurtProgress, DailyCount, STEPS};

use crate::service_cmd::DbArgs;
use crate::survey_cmd;

/// Everything `pwe status` is asked to do.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// The survey being run.
    #[arg(long)]
    survey: PathBuf,
    /// A population file (CBS layout): then also how representative the
    /// submitted responses are so far.
    #[arg(long)]
    population: Option<PathBuf>,
    /// How its columns make up the margins (default: <survey>.population.toml).
    #[arg(long, requires = "population")]
    mapping: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
}

/// `pwe status --survey S`.
pub async fn run(args: &StatusArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let store = args.db.store().await?;
    let progress = store.progress().await?;
    let daily = store.daily().await?;
    let meta = survey.meta();
    let now = chrono::Utc::now();
    let closes = meta
        .closes
        .with_timezone(&meta.timezone)
        .format("%Y-%m-%d %H:%M");
    if now < meta.closes {
        let days = (meta.closes - now).num_hours() as f64 / 24.0;
        println!(
            "\"{}\" is open until {closes} ({days:.1} days left)",
            meta.id
        );
    } else {
        println!("\"{}\" closed on {closes}", meta.id);
    }
    print!("{}", report(&progress, &daily));
    if let Some(population) = &args.population {
        let (margins, _) =
            crate::analyze_cmd::margins(&args.survey, args.mapping.as_deref(), population)?;
        match pwe_service::results::representativeness(&survey, &store, &margins).await? {
            Ok(assessment) => print!("{}", representativeness(&assessment)),
            Err(problem) => println!("\nrepresentativeness so far: cannot be weighted: {problem}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn percent(part: i64, whole: i64) -> f64 {
    if whole > 0 {
        100.0 * part as f64 / whole as f64
    } else {
        0.0
    }
}

/// Per buurt and in total, per day, and where households stopped.
fn report(progress: &[BuurtProgress], daily: &[DailyCount]) -> String {
    let mut out = String::new();
    let w = &mut out;
    let line = |w: &mut String, name: &str, invited: i64, started: i64, submitted: i64| {
        writeln!(
            w,
            "{name:<14} {invited:>8} {started:>8} {submitted:>10} {:>9.1}%",
            percent(submitted, invited)
        )
        .expect("writing to a string");
    };
    writeln!(
        w,
        "\n{:<14} {:>8} {:>8} {:>10} {:>10}",
        "buurt", "invited", "started", "submitted", "response"
    )
    .expect("writing to a string");
    for p in progress {
        line(w, &p.buurt, p.invited, p.started, p.submitted);
    }
    let total = |f: fn(&BuurtProgress) -> i64| progress.iter().map(f).sum::<i64>();
    let invited = total(|p| p.invited);
    line(
        w,
        "total",
        invited,
        total(|p| p.started),
        total(|p| p.submitted),
    );

    writeln!(
        w,
        "\n{:<12} {:>8} {:>10} {:>22}",
        "day (UTC)", "started", "submitted", "submitted so far"
    )
    .expect("writing to a string");
    let mut so_far = 0;
    for day in daily {
        so_far += day.submitted;
        writeln!(
            w,
            "{:<12} {:>8} {:>10} {:>12} ({:>5.1}%)",
            day.day,
            day.started,
            day.submitted,
            so_far,
            percent(so_far, invited)
        )
        .expect("writing to a string");
    }

    let stopped: Vec<(&str, i64)> = STEPS
        .iter()
        .map(|step| {
            let n = progress
                .iter()
                .flat_map(|p| &p.stopped_at)
                .filter(|(s, _)| s == step)
                .map(|(_, n)| n)
                .sum();
            (*step, n)
        })
        .collect();
    write!(
        w,
        "\nstarted but not submitted, by the furthest step saved:"
    )
    .expect("writing to a string");
    for (step, n) in stopped {
        write!(w, " {step} {n}").expect("writing to a string");
    }
    writeln!(w).expect("writing to a string");
    out
}

/// The assessment of the responses so far, in one line per margin.
fn representativeness(assessment: &Assessment) -> String {
    let r = &assessment.overall;
    let mut out = format!(
        "\nrepresentativeness so far: R-indicator {:.2} (95% interval {:.2} to {:.2}), taking part was {} selective",
        r.r_adjusted,
        r.interval.0,
        r.interval.1,
        assessment.verdict.degree()
    );
    for margin in &assessment.margins {
        let p = margin.test.map_or(f64::NAN, |t| t.p_value);
        write!(
            out,
            "\n  {:<14} {:<16} (census test p = {p:.3}, largest standardised difference {:.2})",
            margin.variable,
            margin.verdict.code(),
            margin.max_asmd_before
        )
        .expect("writing to a string");
    }
    out.push('\n');
    out
}
