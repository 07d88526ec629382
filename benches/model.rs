//! The portfolio logit: estimation time in respondents and options, against a
//! straightforward respondent-by-respondent evaluation of the likelihood
//! measured in the same run, and the latent-class model.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pwe_analysis::model::design::build;
use pwe_analysis::model::fit;
use pwe_analysis::model::latent::fit_classes;
use pwe_analysis::model::likelihood::evaluate;
use pwe_benches::{model_responses, model_spec, model_survey, reference_evaluate};

fn estimation(c: &mut Criterion) {
    let mut group = c.benchmark_group("model_fit");
    group.sample_size(10);
    for (options, n, interactions) in [
        (10, 5_000, 3),
        (10, 100_000, 3),
        (10, 1_000_000, 0),
        (6, 5_000, 3),
        (14, 5_000, 3),
        (10, 1_000, 3),
        (10, 20_000, 3),
    ] {
        let survey = model_survey(options);
        let responses = model_responses(&survey, n, 1);
        let spec = model_spec(&survey, interactions);
        let (check, design) = fit(&survey, &responses, &spec, None).expect("identified");
        eprintln!(
            "J={options} n={n} interactions={interactions}: {} and {} feasible portfolios, {} groups, {} iterations, largest gradient {:.1e}",
            design.portfolios[0].len(),
            design.portfolios[1].len(),
            design.groups.len(),
            check.iterations,
            check.max_abs_gradient
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::new(format!("J{options}_i{interactions}"), n),
            &n,
            |b, _| {
                b.iter(|| fit(&survey, &responses, &spec, None).expect("identified"));
            },
        );
    }
    group.finish();
}

fn one_evaluation(c: &mut Criterion) {
    let mut group = c.benchmark_group("model_evaluation");
    group.sample_size(10);
    let survey = model_survey(10);
    let responses = model_responses(&survey, 5_000, 1);
    let spec = model_spec(&survey, 3);
    let design = build(&survey, &responses, &spec, None).expect("a design");
    let beta = vec![0.1; design.k()];
    let weight = |g: usize, c: usize| design.groups[g].cells[c].weight;
    let grouped = evaluate(&design, &beta, &weight);
    let (ll, _, _) = reference_evaluate(&design, &beta);
    assert!(
        (grouped.loglik - ll).abs() < 1e-6 * ll.abs(),
        "the reference agrees"
    );
    group.bench_function("grouped_5000", |b| {
        b.iter(|| evaluate(&design, &beta, &weight))
    });
    group.bench_function("reference_per_respondent_5000", |b| {
        b.iter(|| reference_evaluate(&design, &beta))
    });
    group.finish();
}

fn latent_classes(c: &mut Criterion) {
    let mut group = c.benchmark_group("latent_class");
    group.sample_size(10);
    let survey = model_survey(10);
    let responses = model_responses(&survey, 5_000, 1);
    let spec = model_spec(&survey, 3);
    let (fit, design) = fit(&survey, &responses, &spec, None).expect("identified");
    group.bench_function("3_classes_5_starts_5000", |b| {
        b.iter(|| fit_classes(&design, &fit.scaled_beta, 3, 5, 1))
    });
    group.finish();
}

criterion_group!(benches, estimation, one_evaluation, latent_classes);
criterion_main!(benches);
