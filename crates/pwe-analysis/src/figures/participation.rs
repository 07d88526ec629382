//! Participation: invited, started and submitted per buurt, and where the
//! households that started but did not submit stopped.

use crate::polars::*;

use super::{Tables, round};
use crate::load::BuurtParticipation;
use crate::summary::{self, ChannelCount, Dropoff, Participation};
use pwe_core::channel::Channel;

/// Adds the tables `participation` and `dropoff`; returns `summary.participation`.
pub(super) fn add(
    tables: &mut Tables,
    participation: &[BuurtParticipation],
    channels: &[Channel],
) -> PolarsResult<Participation> {
    let rate = |submitted: i64, invited: i64| round(submitted as f64 / invited.max(1) as f64);
    let frame = df!(
        "buurt" => participation.iter().map(|p| p.buurt.clone()).collect::<Vec<_>>(),
        "invited" => participation.iter().map(|p| p.invited).collect::<Vec<_>>(),
        "started" => participation.iter().map(|p| p.started).collect::<Vec<_>>(),
        "submitted" => participation.iter().map(|p| p.submitted).collect::<Vec<_>>(),
        "response_rate" => participation.iter().map(|p| rate(p.submitted, p.invited)).collect::<Vec<_>>(),
    )?;
    tables.push("participation", frame, None);

    let invited: i64 = participation.iter().map(|p| p.invited).sum();
    let started: i64 = participation.iter().map(|p| p.started).sum();
    let submitted: i64 = participation.iter().map(|p| p.submitted).sum();
    // Steps in the order of the export's columns, which is the order of the flow.
    let steps: Vec<&str> = participation
        .first()
        .map(|p| p.stopped_at.iter().map(|(s, _)| s.as_str()).collect())
        .unwrap_or_default();
    let stopped: Vec<i64> = steps
        .iter()
        .map(|step| {
            participation
                .iter()
                .flat_map(|p| &p.stopped_at)
                .filter(|(s, _)| s == step)
                .map(|(_, n)| n)
                .sum()
        })
        .collect();
    let share_of_started: Vec<f64> = stopped.iter().map(|s| rate(*s, started)).collect();
    let frame = df!(
        "step" => steps.clone(),
        "stopped" => &stopped,
        "share_of_started" => &share_of_started,
    )?;
    tables.push("dropoff", frame, None);

    Ok(Participation {
        invited,
        started,
        submitted,
        response_rate: rate(submitted, invited),
        completion_rate: rate(submitted, started),
        by_buurt: participation
            .iter()
            .map(|p| summary::BuurtParticipation {
                buurt: p.buurt.clone(),
                invited: p.invited,
                started: p.started,
                submitted: p.submitted,
                response_rate: rate(p.submitted, p.invited),
            })
            .collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| ChannelCount {
                channel: c.code(),
                responses: channels.iter().filter(|x| *x == c).count(),
            })
            .collect(),
        dropoff: steps
            .iter()
            .zip(stopped)
            .zip(share_of_started)
            .map(|((step, stopped), share_of_started)| Dropoff {
                step: step.to_string(),
                stopped,
                share_of_started,
            })
            .collect(),
    })
}
