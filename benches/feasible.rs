//! Enumerating the feasible portfolios of a version, against the straightforward
//! reference: checking each of the 2^J portfolios with the rules.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pwe_benches::survey_toml;
use pwe_core::feasible::{Limits, enumerate};
use pwe_core::{ChoiceTask, Portfolio, Survey};

fn brute_force(survey: &Survey) -> usize {
    let task = ChoiceTask::new(survey, &survey.versions()[0]);
    let n_options = survey.options().len();
    (0u64..1 << n_options)
        .filter(|bits| {
            let levels = (0..n_options)
                .map(|idx| ((bits >> (n_options - 1 - idx)) & 1) as u8)
                .collect();
            let portfolio = Portfolio::from_levels(survey, levels).unwrap();
            task.violations(&portfolio).is_empty()
        })
        .count()
}

fn feasible(c: &mut Criterion) {
    let mut group = c.benchmark_group("feasible");
    group.sample_size(10);
    for n_options in [10, 16, 20] {
        let survey = Survey::parse(&survey_toml(n_options), "bench.toml").unwrap();
        let task = ChoiceTask::new(&survey, &survey.versions()[0]);
        let n_feasible = enumerate(&task, Limits::default()).unwrap().len();
        assert_eq!(n_feasible, brute_force(&survey));
        group.throughput(Throughput::Elements(1 << n_options));
        group.bench_with_input(
            BenchmarkId::new("enumerate", n_options),
            &task,
            |b, task| b.iter(|| enumerate(task, Limits::default()).unwrap().len()),
        );
        group.bench_with_input(
            BenchmarkId::new("brute_force", n_options),
            &survey,
            |b, survey| b.iter(|| brute_force(survey)),
        );
    }
    let mall = pwe_benches::mall_survey();
    group.throughput(Throughput::Elements(1));
    group.bench_function("mall_all_versions", |b| {
        b.iter(|| {
            mall.versions()
                .iter()
                .map(|version| {
                    enumerate(&ChoiceTask::new(&mall, version), Limits::default())
                        .unwrap()
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, feasible);
criterion_main!(benches);
