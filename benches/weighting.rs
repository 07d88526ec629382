//! Raking respondents to population margins, against a straightforward
//! respondent-level implementation measured in the same run.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pwe_benches::{reference_rake, weighting_input};
use pwe_core::weighting::rake::rake_calibration;
use pwe_core::weighting::{Calibration, Margin, RakeConfig, Sample, TargetKind, rake};

fn margins(targets: &[Vec<f64>]) -> Vec<Margin> {
    targets
        .iter()
        .enumerate()
        .map(|(v, targets)| Margin {
            variable: format!("v{v}"),
            targets: targets
                .iter()
                .enumerate()
                .map(|(c, t)| (format!("c{c}"), *t))
                .collect(),
            kind: TargetKind::Counts,
        })
        .collect()
}

fn weighting(c: &mut Criterion) {
    let mut group = c.benchmark_group("rake");
    group.sample_size(10);
    for (n, sizes, cap) in [
        (5_000, &[8, 4, 3][..], None),
        (1_000_000, &[8, 4, 3, 3][..], None),
        (1_000_000, &[8, 4, 3, 3][..], Some(5.0)),
    ] {
        let input = weighting_input(n, sizes, 1);
        let sample = Sample::new(input.columns.clone(), None).unwrap();
        let margins = margins(&input.targets);
        let config = RakeConfig {
            cap,
            ..RakeConfig::default()
        };
        let label = format!(
            "{n}x{}{}",
            sizes.len(),
            cap.map_or(String::new(), |c| format!("_cap{c}"))
        );
        // Both implementations must reach the same weights before they are timed.
        let raked = rake(&sample, &margins, &config).unwrap();
        if cap.is_none() {
            let (reference, _) = reference_rake(&input.codes, &input.targets, 1e-10);
            for (a, b) in raked.weights.iter().zip(&reference) {
                assert!((a - b).abs() <= 1e-8 * b, "pwe {a} vs reference {b}");
            }
        }
        group.throughput(Throughput::Elements(n as u64));
        eprintln!(
            "{label}: {} sweeps, {} weights capped",
            raked.sweeps, raked.n_trimmed
        );
        // The whole call, from category names to weights.
        group.bench_with_input(BenchmarkId::new("pwe", &label), &(), |b, _| {
            b.iter(|| rake(&sample, &margins, &config).unwrap().weights.len())
        });
        // Raking alone, from resolved category codes, as the reference starts
        // (the calibration is cloned into each run's result).
        let calibration = Calibration::new(&sample, &margins, &config.design).unwrap();
        group.bench_with_input(BenchmarkId::new("pwe_codes", &label), &(), |b, _| {
            b.iter(|| {
                rake_calibration(calibration.clone(), &config)
                    .unwrap()
                    .weights
                    .len()
            })
        });
        if cap.is_none() {
            group.bench_with_input(BenchmarkId::new("reference", &label), &(), |b, _| {
                b.iter(|| reference_rake(&input.codes, &input.targets, 1e-10).1)
            });
        }
    }
    group.finish();
}

criterion_group!(benches, weighting);
criterion_main!(benches);
