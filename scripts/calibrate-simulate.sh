#!/usr/bin/env bash
# The calibration of the census test and the R-indicator on `pwe simulate`'s
# draws, recorded in docs/weighting.md: 2,000 seeded replicates (seeds
# 20261207 onwards) of the Mall at 10% and 30% response. Run by hand; CI runs
# three replicates. PWE_REPLICATES=N changes the number.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test --release -p pwe-analysis --test analysis -- --ignored calibration_of_simulate --nocapture
