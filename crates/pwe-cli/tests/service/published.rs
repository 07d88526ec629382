//! The public results page and the analysis's published tables of the same
//! responses hide the same totals: both are suppressed by one disclosure
//! control (`pwe_core::disclosure::shares`), so neither gives back what the
//! other hides (a total shown on one and suppressed on the other would let a
//! reader work out the suppressed cells behind it).

use std::collections::BTreeMap;

use crate::http::{Server, client, get, survey_file};
use crate::{pwe, repo, temp_dir, text};

#[test]
fn the_results_page_and_the_analysis_suppress_the_same_totals() {
    let dir = temp_dir("published");
    // Closed, and published at the close.
    let survey = survey_file(&dir, Some(("2026-01-05T09:00:00", "2026-02-02T17:00:00")));
    let toml = std::fs::read_to_string(&survey).unwrap().replacen(
        "[survey]\n",
        "[survey]\npublish_results = \"at-close\"\n",
        1,
    );
    std::fs::write(&survey, toml).unwrap();
    // The survey's companion files, named after it.
    for companion in ["population", "params", "model", "codebook"] {
        std::fs::copy(
            repo().join(format!("surveys/mall-parkeren.{companion}.toml")),
            dir.join(format!("survey.{companion}.toml")),
        )
        .unwrap();
    }
    let population = repo().join("fixtures/mall-buurten.csv");
    let population = population.to_str().unwrap();
    let db = format!("sqlite://{}", dir.join("pwe.sqlite").display());
    // Few households: many groups by buurt and background have fewer than ten.
    let simulated = pwe(
        &dir,
        &[
            "simulate",
            "--survey",
            &survey,
            "--population",
            population,
            "--n",
            "40",
            "--seed",
            "7",
            "--db",
            &db,
        ],
    );
    assert!(simulated.status.success(), "{}", text(&simulated.stderr));
    let out = dir.join("out");
    let analysed = pwe(
        &dir,
        &[
            "analyze",
            "--survey",
            &survey,
            "--db",
            &db,
            "--population",
            population,
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert!(analysed.status.success(), "{}", text(&analysed.stderr));
    let mut reader = csv::Reader::from_path(out.join("published/shares.csv")).unwrap();
    let analysis: Vec<(String, bool)> = reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|row| {
            let row = row.unwrap();
            (row["option_id"].clone(), !row["chosen"].is_empty())
        })
        .collect();
    assert!(
        analysis.iter().any(|(_, shown)| *shown) && analysis.iter().any(|(_, shown)| !*shown),
        "the test needs shown and suppressed totals: {analysis:?}"
    );

    let server = Server::start(&dir, &survey, &["--db", &db]);
    let page = get(&server, client(1), "/results?lang=nl", "").body;
    assert!(
        page.contains("class=\"simulated-banner\"") && page.contains("pwe simulate"),
        "a database filled by simulate says so on its pages"
    );
    // Each option's section has a bar exactly when its share is shown.
    let on_page: Vec<bool> = analysis
        .iter()
        .map(|(id, _)| {
            let start = format!("aria-labelledby=\"result-{id}\"");
            let section = page
                .split(&start)
                .nth(1)
                .unwrap_or_else(|| panic!("no section of {id}: {page}"));
            let section = section.split("</section>").next().unwrap();
            section.contains("<svg class=\"bar\"")
        })
        .collect();
    let in_tables: Vec<bool> = analysis.iter().map(|(_, shown)| *shown).collect();
    assert_eq!(
        on_page, in_tables,
        "shown on /results vs in published/shares.csv: {analysis:?}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
