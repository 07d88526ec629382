//! The public results weighted to the population margins.

use std::sync::Arc;

use crate::common::*;
use pwe_core::population::parse_cbs;
use pwe_core::weighting::files::PopulationMapping;
use pwe_service::api::ResponseBody;
use pwe_service::api::household::record_submission;

#[tokio::test]
async fn shares_are_weighted_to_the_buurten() {
    let db = sqlite();
    let (mut state, codes) = state(&db, 1).await;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let population = parse_cbs(
        &std::fs::read_to_string(format!("{root}/fixtures/mall-buurten.csv")).unwrap(),
        "buurten",
    )
    .unwrap();
    let mapping = PopulationMapping::parse(
        &std::fs::read_to_string(format!("{root}/surveys/mall-parkeren.population.toml")).unwrap(),
        "mapping",
    )
    .unwrap();
    // The buurt margin alone: the test households all give the same background answers.
    state.population = Some(Arc::new(pwe_service::Neighbourhoods {
        margins: mapping
            .margins(&population, &["buurt".into()], "buurten")
            .unwrap(),
        names: population.names(),
    }));
    let order: Vec<String> = state
        .survey
        .options()
        .iter()
        .map(|o| o.id.clone())
        .collect();
    for (idx, code) in codes.iter().take(8).enumerate() {
        // Version a for everyone, so both portfolios below are valid.
        let household = state
            .store
            .start(&code.household_ref, "a", &order, "2027-01-20T12:00:00Z")
            .await
            .unwrap();
        let mut answers = complete_response();
        if idx >= 4 {
            answers["portfolio"]["bewegwijzering"] = serde_json::json!(1);
        }
        let body: ResponseBody = serde_json::from_value(answers).unwrap();
        record_submission(&state, household, &body, pwe_core::channel::Channel::Online)
            .await
            .unwrap();
    }
    let shares = pwe_service::results::shares(&state).await.unwrap();
    assert_eq!(shares.n, 8);
    assert!(shares.weighted, "{:?}", shares.weighting_problem);
    let signs = shares
        .options
        .iter()
        .find(|o| o.option_id == "bewegwijzering")
        .unwrap();
    assert_eq!(signs.chosen, 4);
    // Buurten 5 to 8 chose it: (590 + 450 + 690 + 620) / 5000 households.
    assert!(
        (signs.share - 2350.0 / 5000.0).abs() < 1e-9,
        "{}",
        signs.share
    );
    let bus = shares
        .options
        .iter()
        .find(|o| o.option_id == "pendelbus")
        .unwrap();
    assert!((bus.share - 1.0).abs() < 1e-12);
}
