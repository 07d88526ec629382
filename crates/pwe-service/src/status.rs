//! Turnout while the consultation is open, as `pwe status`, the `/beheer`
//! page and `GET /api/admin/status` show it: one computation, three faces.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use pwe_core::weighting::WeightingError;
use pwe_core::weighting::representativeness::{Assessment, MarginVerdict, ResponseVerdict};
use pwe_core::words::{Arg, words};
use pwe_core::{Lang, Survey, format};
use serde::Serialize;

use crate::Neighbourhoods;
use crate::store::{BuurtProgress, DailyCount, STEPS, Store, StoreError};

/// The state of the consultation at one moment.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The survey's id.
    pub survey: String,
    /// When this was computed (RFC 3339, UTC).
    pub at: String,
    /// When the consultation closes (RFC 3339, UTC).
    pub closes: String,
    /// Whether it is still open.
    pub open: bool,
    /// Days until the close (0 once closed), to one decimal.
    pub days_left: f64,
    /// All buurten together.
    pub total: Turnout,
    /// Per buurt, with where households that did not submit stopped.
    pub buurten: Vec<BuurtProgress>,
    /// Per day (UTC) and buurt.
    pub daily: Vec<DailyCount>,
    /// Households that started and did not submit, by the furthest step saved.
    pub stopped_at: Vec<StepCount>,
    /// Submitted responses by how they came in (online, paper, assisted).
    pub channels: Vec<ChannelCount>,
    /// How representative the submitted responses are so far; absent when
    /// the service has no population margins (`pwe serve --population`).
    pub representativeness: Option<SoFar>,
    /// Each buurt's name by its code, from the population file; empty without one.
    pub buurt_names: BTreeMap<String, String>,
}

/// Invited, started and submitted households.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Turnout {
    /// Households with a valid code (not test).
    pub invited: i64,
    /// Households that opened the survey.
    pub started: i64,
    /// Households that submitted.
    pub submitted: i64,
}

/// Households that stopped at one step.
#[derive(Debug, Clone, Serialize)]
pub struct StepCount {
    /// The step (see `store::STEPS`).
    pub step: &'static str,
    /// How many households stopped there.
    pub households: i64,
}

/// Responses that came in through one channel.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelCount {
    /// `online`, `paper` or `assisted`.
    pub channel: String,
    /// How many responses.
    pub responses: i64,
}

/// The representativeness of the responses so far, or why there is none yet.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SoFar {
    /// Assessed as the analysis does (docs/weighting.md).
    Assessed {
        /// The bias-adjusted R-indicator.
        r_indicator: f64,
        /// Its 95% interval.
        interval: (f64, f64),
        /// The largest bias a share could have, (1 − R) / (2 × mean propensity).
        max_bias: f64,
        /// How selective taking part was: `small`, `moderate` or `large`.
        #[serde(serialize_with = "verdict_code")]
        selective: ResponseVerdict,
        /// Per margin: its verdict, census test and largest standardised difference.
        margins: Vec<MarginSoFar>,
    },
    /// Not possible yet, with the reason.
    NotYet {
        /// Why (in the JSON: in English words).
        #[serde(serialize_with = "reason_words")]
        reason: NotYet,
    },
}

/// Why the responses so far cannot be assessed yet.
#[derive(Debug, Clone)]
pub enum NotYet {
    /// No household has submitted.
    NoResponses,
    /// The responses cannot be weighted to the population's margins.
    Weighting(WeightingError),
}

impl NotYet {
    /// The reason in words, without a full stop.
    pub fn words(&self, lang: Lang) -> String {
        let t = words(lang);
        let error = match self {
            NotYet::NoResponses => return t.text("error_weighting_no_responses").to_string(),
            NotYet::Weighting(error) => error,
        };
        let text = |value: &str| Arg::from(value.to_string());
        match error {
            WeightingError::EmptySample => t.text("error_weighting_no_responses").to_string(),
            WeightingError::EmptyCategory { variable, category } => t.fill(
                "error_weighting_empty_category",
                &[("variable", text(variable)), ("category", text(category))],
            ),
            WeightingError::UnknownCategory {
                variable,
                category,
                n_respondents,
            } => t.fill(
                "error_weighting_unknown_category",
                &[
                    ("variable", text(variable)),
                    ("category", text(category)),
                    ("n", (*n_respondents).into()),
                ],
            ),
            WeightingError::MissingValue {
                variable,
                n_respondents,
                ..
            } => t.fill(
                "error_weighting_missing_value",
                &[("variable", text(variable)), ("n", (*n_respondents).into())],
            ),
            WeightingError::UnknownVariable { variable } => t.fill(
                "error_weighting_unknown_variable",
                &[("variable", text(variable))],
            ),
            WeightingError::DuplicateMargin { variable }
            | WeightingError::DuplicateCategory { variable, .. }
            | WeightingError::BadTarget { variable, .. }
            | WeightingError::BadCollapse { variable, .. } => t.fill(
                "error_weighting_population_file",
                &[("variable", text(variable))],
            ),
            WeightingError::NotConverged { sweeps, .. } => t.fill(
                "error_weighting_not_converged",
                &[("sweeps", (*sweeps).into())],
            ),
            WeightingError::CannotTrim { cap, .. } => t.fill(
                "error_weighting_cannot_trim",
                &[("cap", format::decimal(*cap, 1, lang).into())],
            ),
            _ => t.text("error_weighting_other").to_string(),
        }
    }
}

/// The reason in English words, as the JSON carries it.
fn reason_words<S: serde::Serializer>(reason: &NotYet, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&reason.words(Lang::En))
}

/// One margin of the assessment so far.
#[derive(Debug, Clone, Serialize)]
pub struct MarginSoFar {
    /// The margin's variable, such as `buurt`.
    pub variable: String,
    /// Its verdict (`alike`, `small_difference`, ...).
    pub verdict: &'static str,
    /// The census test's p-value, when the margin could be tested.
    pub p_value: Option<f64>,
    /// The largest absolute standardised difference before weighting.
    pub max_asmd: f64,
}

/// A verdict as its code in the JSON.
fn verdict_code<S: serde::Serializer>(verdict: &ResponseVerdict, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(verdict.code())
}

impl SoFar {
    fn of(assessment: Result<Assessment, NotYet>) -> SoFar {
        match assessment {
            Err(reason) => SoFar::NotYet { reason },
            Ok(a) => SoFar::Assessed {
                r_indicator: a.overall.r_adjusted,
                interval: a.overall.interval,
                max_bias: a.overall.max_bias,
                selective: a.verdict,
                margins: a
                    .margins
                    .iter()
                    .map(|m| MarginSoFar {
                        variable: m.variable.clone(),
                        verdict: m.verdict.code(),
                        p_value: m.test.map(|t| t.p_value),
                        max_asmd: m.max_asmd_before,
                    })
                    .collect(),
            },
        }
    }
}

/// The status at `now`; with `margins`, also the representativeness so far.
///
/// # Errors
/// A database error.
pub async fn status(
    survey: &Survey,
    store: &Store,
    population: Option<&Neighbourhoods>,
    now: DateTime<Utc>,
) -> Result<Status, StoreError> {
    let meta = survey.meta();
    let buurten = store.progress().await?;
    let total = buurten.iter().fold(Turnout::default(), |t, p| Turnout {
        invited: t.invited + p.invited,
        started: t.started + p.started,
        submitted: t.submitted + p.submitted,
    });
    let stopped_at = STEPS
        .iter()
        .map(|step| StepCount {
            step,
            households: buurten
                .iter()
                .flat_map(|p| &p.stopped_at)
                .filter(|(s, _)| s == step)
                .map(|(_, n)| n)
                .sum(),
        })
        .collect();
    let representativeness = match population {
        None => None,
        Some(population) => Some(SoFar::of(
            crate::results::representativeness(survey, store, &population.margins).await?,
        )),
    };
    let hours_left = (meta.closes - now).num_minutes().max(0) as f64 / 60.0;
    Ok(Status {
        survey: meta.id.clone(),
        at: crate::timestamp(now),
        closes: crate::timestamp(meta.closes),
        open: now < meta.closes,
        days_left: (hours_left / 24.0 * 10.0).round() / 10.0,
        total,
        daily: store.daily().await?,
        channels: store
            .channels()
            .await?
            .into_iter()
            .map(|(channel, responses)| ChannelCount { channel, responses })
            .collect(),
        buurten,
        stopped_at,
        representativeness,
        buurt_names: population.map(|p| p.names.clone()).unwrap_or_default(),
    })
}

/// The status of the running service: its survey, store, clock and
/// population margins (`/beheer` and `GET /api/admin/status`).
///
/// # Errors
/// A database error.
pub async fn of_service(state: &crate::AppState) -> Result<Status, StoreError> {
    let population = state.population.as_deref();
    status(&state.survey, &state.store, population, state.clock.now()).await
}

impl Status {
    /// A buurt's name, or its code when the service has no name for it.
    pub fn buurt_name<'s>(&'s self, code: &'s str) -> &'s str {
        self.buurt_names.get(code).map_or(code, String::as_str)
    }

    /// Per day, all buurten together: (day, started, submitted).
    pub fn days(&self) -> Vec<(&str, i64, i64)> {
        let mut days: Vec<(&str, i64, i64)> = Vec::new();
        for d in &self.daily {
            match days.last_mut() {
                Some(last) if last.0 == d.day => {
                    last.1 += d.started;
                    last.2 += d.submitted;
                }
                _ => days.push((&d.day, d.started, d.submitted)),
            }
        }
        days
    }

    /// Submitted up to and including each day, per buurt: (day, buurt, count).
    pub fn cumulative_by_buurt(&self) -> Vec<(&str, &str, i64)> {
        let mut so_far: std::collections::BTreeMap<&str, i64> = Default::default();
        let mut out = Vec::new();
        for (day, _, _) in self.days() {
            for d in self.daily.iter().filter(|d| d.day == day) {
                *so_far.entry(&d.buurt).or_default() += d.submitted;
            }
            for p in &self.buurten {
                out.push((
                    day,
                    p.buurt.as_str(),
                    so_far.get(p.buurt.as_str()).copied().unwrap_or(0),
                ));
            }
        }
        out
    }
}

/// A share in percent, 0 of nothing.
pub fn percent(part: i64, whole: i64) -> f64 {
    if whole > 0 {
        100.0 * part as f64 / whole as f64
    } else {
        0.0
    }
}

/// `part` of `whole` as a percentage with one decimal, as `pwe status` prints it.
fn share(part: i64, whole: i64) -> String {
    format::percent(percent(part, whole) / 100.0, 1, EN)
}

/// `pwe status` is in English, as the rest of the command line.
const EN: Lang = Lang::En;

/// The status as `pwe status` prints it.
pub fn text(status: &Status) -> String {
    let mut w = String::new();
    let at = |text: &str| DateTime::parse_from_rfc3339(text).map(|at| at.to_utc());
    let closes = match at(&status.closes) {
        Ok(closes) => format!(
            "{}, {}",
            format::date(closes.date_naive(), EN),
            closes.format("%H:%M")
        ),
        Err(_) => status.closes.clone(),
    };
    if status.open {
        let left = match (at(&status.at), at(&status.closes)) {
            (Ok(now), Ok(closes)) => format::duration(closes - now, EN),
            _ => format!("{} days", format::decimal(status.days_left, 1, EN)),
        };
        let _ = writeln!(
            w,
            "\"{}\" is open until {closes} UTC ({left} left)",
            status.survey
        );
    } else {
        let _ = writeln!(w, "\"{}\" closed on {closes} UTC", status.survey);
    }
    turnout_text(&mut w, status);
    days_text(&mut w, status);
    let _ = write!(
        w,
        "\n\nstarted but not submitted, by the furthest step saved:"
    );
    for s in &status.stopped_at {
        let _ = write!(w, " {} {}", s.step, format::count(s.households, EN));
    }
    let _ = write!(w, "\nsubmitted by channel:");
    for c in &status.channels {
        let _ = write!(w, " {} {}", c.channel, format::count(c.responses, EN));
    }
    w.push('\n');
    if let Some(so_far) = &status.representativeness {
        representativeness_text(&mut w, so_far);
    }
    // Names and titles come from files: each line is shown as text, so that
    // a control character in one cannot steer the operator's terminal.
    w.split('\n')
        .map(crate::escape::terminal)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Per buurt and in total.
fn turnout_text(w: &mut String, status: &Status) {
    let line = |w: &mut String, code: &str, t: Turnout, name: &str| {
        let row = format!(
            "{code:<14} {:>8} {:>8} {:>10} {:>10}  {name}",
            format::count(t.invited, EN),
            format::count(t.started, EN),
            format::count(t.submitted, EN),
            share(t.submitted, t.invited)
        );
        let _ = writeln!(w, "{}", row.trim_end());
    };
    let named = !status.buurt_names.is_empty();
    let header = format!(
        "{:<14} {:>8} {:>8} {:>10} {:>10}  {}",
        "buurt",
        "invited",
        "started",
        "submitted",
        "response",
        if named { "name" } else { "" }
    );
    let _ = writeln!(w, "\n{}", header.trim_end());
    for p in &status.buurten {
        let t = Turnout {
            invited: p.invited,
            started: p.started,
            submitted: p.submitted,
        };
        let name = if named {
            status.buurt_name(&p.buurt)
        } else {
            ""
        };
        line(w, &p.buurt, t, name);
    }
    line(w, "total", status.total, "");
}

/// Per day in total, then the response so far per buurt and day.
fn days_text(w: &mut String, status: &Status) {
    let _ = writeln!(
        w,
        "\n{:<12} {:>8} {:>10} {:>22}",
        "day (UTC)", "started", "submitted", "submitted so far"
    );
    let mut so_far = 0;
    for (day, started, submitted) in status.days() {
        so_far += submitted;
        let _ = writeln!(
            w,
            "{day:<12} {:>8} {:>10} {:>12} ({:>6})",
            format::count(started, EN),
            format::count(submitted, EN),
            format::count(so_far, EN),
            share(so_far, status.total.invited)
        );
    }
    let _ = write!(
        w,
        "\nresponse so far per buurt and day (%):\n{:<12}",
        "day (UTC)"
    );
    for p in &status.buurten {
        let _ = write!(w, " {:>11}", p.buurt);
    }
    let cumulative = status.cumulative_by_buurt();
    for row in cumulative.chunks(status.buurten.len().max(1)) {
        let _ = write!(w, "\n{:<12}", row[0].0);
        for ((_, _, n), p) in row.iter().zip(&status.buurten) {
            let _ = write!(w, " {:>11}", format::decimal(percent(*n, p.invited), 1, EN));
        }
    }
}

/// How representative the responses are so far, a line per margin.
fn representativeness_text(w: &mut String, so_far: &SoFar) {
    match so_far {
        SoFar::NotYet { reason } => {
            let _ = writeln!(
                w,
                "\nrepresentativeness so far: cannot be weighted: {}",
                reason.words(Lang::En)
            );
        }
        SoFar::Assessed {
            r_indicator,
            interval,
            selective,
            margins,
            ..
        } => {
            let selective = selective.degree(EN);
            let decimal = |value: f64| format::decimal(value, 2, EN);
            let _ = write!(
                w,
                "\nrepresentativeness so far: R-indicator {} (95% interval {} to {}), taking part was {selective} selective",
                decimal(*r_indicator),
                decimal(interval.0),
                decimal(interval.1)
            );
            for m in margins {
                let test = m.p_value.map_or("not tested".to_string(), |p| {
                    format!("census test {}", format::p_value(p, EN))
                });
                let _ = write!(
                    w,
                    "\n  {:<14} {:<16} ({test}, largest standardised difference {})",
                    m.variable,
                    MarginVerdict::from_code(m.verdict)
                        .map_or(m.verdict.to_string(), |v| v.words(EN)),
                    decimal(m.max_asmd)
                );
            }
            w.push('\n');
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Names a population file could carry to attack whoever reads them.
    pub(crate) const HOSTILE: [&str; 3] = [
        "</title><script>alert(1)</script>",
        "<svg/onload=alert(2)>",
        "\x1b[31mRood\x1b]0;titel\x07\u{202e}",
    ];

    /// A status with a buurt per hostile name, over two days.
    pub(crate) fn hostile_status() -> Status {
        let buurten: Vec<BuurtProgress> = (0..HOSTILE.len())
            .map(|i| BuurtProgress {
                buurt: format!("BU{i}"),
                invited: 10,
                started: 4,
                submitted: 2,
                stopped_at: vec![("choice".into(), 2)],
            })
            .collect();
        let daily = ["2027-01-12", "2027-01-13"]
            .iter()
            .flat_map(|day| {
                buurten.iter().map(|b| DailyCount {
                    day: day.to_string(),
                    buurt: b.buurt.clone(),
                    started: 2,
                    submitted: 1,
                })
            })
            .collect();
        Status {
            survey: "mall\x1b[2J".into(),
            at: "2027-01-13T12:00:00Z".into(),
            closes: "2027-02-08T17:00:00Z".into(),
            open: true,
            days_left: 26.2,
            total: Turnout {
                invited: 30,
                started: 12,
                submitted: 6,
            },
            buurten,
            daily,
            stopped_at: vec![StepCount {
                step: "choice",
                households: 6,
            }],
            channels: vec![ChannelCount {
                channel: "paper\x1b[1m".into(),
                responses: 6,
            }],
            representativeness: Some(SoFar::NotYet {
                reason: NotYet::Weighting(WeightingError::EmptyCategory {
                    variable: "buurt".into(),
                    category: "\x1b[31m<b>".into(),
                }),
            }),
            buurt_names: HOSTILE
                .iter()
                .enumerate()
                .map(|(i, name)| (format!("BU{i}"), name.to_string()))
                .collect(),
        }
    }

    #[test]
    fn pwe_status_shows_control_characters_instead_of_sending_them() {
        let printed = text(&hostile_status());
        assert!(
            !printed
                .chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "{printed:?}"
        );
        assert!(printed.contains("\\u{1b}[31mRood"), "{printed}");
        assert!(
            printed.contains("</title><script>"),
            "plain text for a terminal"
        );
    }

    #[test]
    fn the_status_json_carries_hostile_names_as_escaped_strings() {
        let status = hostile_status();
        let json = serde_json::to_string(&status).unwrap();
        assert!(!json.chars().any(char::is_control), "{json}");
        let read: serde_json::Value = serde_json::from_str(&json).unwrap();
        for (i, name) in HOSTILE.iter().enumerate() {
            assert_eq!(read["buurt_names"][format!("BU{i}")], *name);
        }
    }
}
