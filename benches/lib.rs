//! Shared inputs for the benchmarks: generated surveys of a chosen size.

use std::fmt::Write;

/// The text of a survey with `n_options` binary options of varied cost, a budget
/// that buys about half of them, one exclusive group of three and a target, so
/// that the enumerator has real pruning to do.
pub fn survey_toml(n_options: usize) -> String {
    let mut out = String::from(
        "format = 1\n[survey]\nid = \"bench\"\ntitle = \"t\"\norganiser = \"o\"\n\
         opens = 2027-01-01T09:00:00\ncloses = 2027-02-01T09:00:00\n\
         participation_level = \"raadplegen\"\nprivacy = \"p\"\nretention_until = 2027-12-31\n\
         [[effects]]\nid = \"e\"\nlabel = \"e\"\nunit = \"%\"\n\
         [motivation]\nchosen = \"w\"\nnot_chosen = \"n\"\n",
    );
    let costs: Vec<i64> = (0..n_options)
        .map(|idx| 50_000 + (idx as i64 * 37_000) % 250_000)
        .collect();
    let total: i64 = costs.iter().sum();
    writeln!(out, "[budget]\namount = {}", total / 2).unwrap();
    out.push_str("[[targets]]\neffect = \"e\"\nat_most = -5\n");
    if n_options >= 3 {
        out.push_str("[[exclusive]]\nid = \"g\"\noptions = [\"o0\", \"o1\", \"o2\"]\n");
    }
    for (idx, cost) in costs.iter().enumerate() {
        writeln!(
            out,
            "[[options]]\nid = \"o{idx}\"\ntitle = \"t\"\ndescription = \"d\"\ncost = {cost}\neffects = {{ e = {} }}",
            -((idx % 5) as i64) - 1
        )
        .unwrap();
    }
    out
}
