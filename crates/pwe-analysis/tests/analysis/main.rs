//! The analysis's integration tests: one test binary, a module per area;
//! the shared file helpers here.

mod calibration;
mod figures;
mod model;

use std::path::{Path, PathBuf};

use pwe_analysis::simulate::{Census, Params};
use pwe_core::Survey;
use pwe_core::population::parse_cbs;
use pwe_core::weighting::Margin;
use pwe_core::weighting::files::PopulationMapping;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file of the repository, as text.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap()
}

/// The Mall survey of `surveys/`.
pub fn mall_survey() -> Survey {
    Survey::parse(&read("surveys/mall-parkeren.toml"), "mall").unwrap()
}

/// The Mall's simulation inputs: its survey, the census of its population
/// file, the margins that file gives, and the true parameters.
pub struct Mall {
    pub survey: Survey,
    pub census: Census,
    pub margins: Vec<Margin>,
    pub params: Params,
}

/// The [`Mall`] of `surveys/` and `fixtures/mall-buurten.csv`.
pub fn mall() -> Mall {
    let survey = mall_survey();
    let mapping =
        PopulationMapping::parse(&read("surveys/mall-parkeren.population.toml"), "mapping")
            .unwrap();
    let population = parse_cbs(&read("fixtures/mall-buurten.csv"), "buurten").unwrap();
    let census = Census::new(&survey, &population, &mapping, "buurten").unwrap();
    let variables: Vec<String> = mapping.variables().iter().map(|v| v.to_string()).collect();
    let margins = mapping.margins(&population, &variables, "buurten").unwrap();
    let params = Params::parse(
        &read("surveys/mall-parkeren.params.toml"),
        "params",
        &survey,
    )
    .unwrap();
    Mall {
        survey,
        census,
        margins,
        params,
    }
}
