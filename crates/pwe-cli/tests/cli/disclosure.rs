//! Disclosure control through the real binary: an export with groups of 1 to
//! 9 households, `pwe analyze`, and an audit of every published output by an
//! attacker who knows every group's size and works each sum out exactly
//! (independent of the LP audit inside the analysis).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::{pwe, stderr, temp_dir};

type Rows = Vec<BTreeMap<String, String>>;

fn read_csv(path: &Path) -> Rows {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn write_csv(path: &Path, rows: &Rows, headers: &[String]) {
    let mut writer = csv::Writer::from_path(path).unwrap();
    writer.write_record(headers).unwrap();
    for row in rows {
        writer
            .write_record(headers.iter().map(|h| row[h].as_str()))
            .unwrap();
    }
    writer.flush().unwrap();
}

/// Moves every household whose `column` is `from` but the first `keep` to
/// `to` (empty: no answer), so that the group `from` has `keep` members.
fn shrink(rows: &mut Rows, column: &str, from: &str, keep: usize, to: &str) {
    let mut kept = 0;
    for row in rows.iter_mut().filter(|r| r[column] == from) {
        if kept < keep {
            kept += 1;
        } else {
            row.insert(column.into(), to.into());
        }
    }
    assert_eq!(
        kept, keep,
        "{column}={from} had fewer than {keep} households"
    );
}

/// Takes the answer to `column` away from `n` households answering `from`.
fn unanswer(rows: &mut Rows, column: &str, from: &str, n: usize) {
    for row in rows.iter_mut().filter(|r| r[column] == from).take(n) {
        row.insert(column.into(), String::new());
    }
}

/// The simulated export with groups of 1 to 9 households (and, as the
/// simulation gives them, a few who would rather not say their age).
fn export_with_small_groups(dir: &Path) -> std::path::PathBuf {
    let export = dir.join("export");
    let output = pwe(&[
        "simulate",
        "--survey",
        "surveys/mall-parkeren.toml",
        "--population",
        "fixtures/mall-buurten.csv",
        "--n",
        "300",
        "--seed",
        "25",
        "--free-text",
        "--out",
        export.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let path = export.join("responses.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = read_csv(&path);
    let mut per_buurt: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        *per_buurt.entry(row["buurt"].clone()).or_default() += 1;
    }
    let largest = per_buurt.iter().max_by_key(|(_, n)| **n).unwrap().0.clone();
    let smallest = per_buurt.iter().min_by_key(|(_, n)| **n).unwrap().0.clone();
    shrink(&mut rows, "leeftijd", "tot-25", 1, "25-44");
    shrink(&mut rows, "overlast", "dagelijks", 2, "vaak");
    unanswer(&mut rows, "huishouden", "zonder-kinderen", 3);
    shrink(&mut rows, "buurt", &smallest, 4, &largest);
    shrink(&mut rows, "huishouden", "met-kinderen", 5, "alleen");
    unanswer(&mut rows, "leeftijd", "45-64", 6);
    shrink(&mut rows, "autos", "2-plus", 7, "1");
    shrink(&mut rows, "autos", "0", 8, "1");
    shrink(&mut rows, "overlast", "nooit", 9, "soms");
    write_csv(&path, &rows, &headers);
    export
}

fn number(cell: &str) -> Option<f64> {
    (!cell.is_empty()).then(|| cell.parse().unwrap())
}

/// One suppressed cell in a sum: what the attacker can work out.
#[derive(Debug)]
struct Cell {
    label: String,
    size: usize,
    value: usize,
    published: Option<usize>,
    /// Whether the primary rule protects it.
    sensitive: bool,
}

/// The primary rule for a count of `value` in a group of `size`.
fn sensitive(size: usize, value: usize) -> bool {
    size > 0 && (value < 10 || size - value < 10)
}

/// Checks one sum exactly: `total` (when known) is the sum of `cells`; every
/// sensitive suppressed cell must keep at least `ceil(min(size, 10) / 2)`
/// households of doubt. Returns how many cells are suppressed.
fn check_sum(total: Option<usize>, cells: &[Cell]) -> usize {
    let Some(total) = total else {
        return 0;
    };
    let known: usize = cells.iter().filter_map(|c| c.published).sum();
    let rest = total as i64 - known as i64;
    let hidden: Vec<&Cell> = cells.iter().filter(|c| c.published.is_none()).collect();
    let room: usize = hidden.iter().map(|c| c.size).sum();
    for cell in &hidden {
        if !cell.sensitive {
            continue;
        }
        let others = (room - cell.size) as i64;
        let lower = (rest - others).max(0);
        let upper = rest.min(cell.size as i64);
        assert!(
            upper - lower >= cell.size.min(10).div_ceil(2) as i64,
            "{} ({} of {}) can be worked out to {lower}..={upper} from the published figures",
            cell.label,
            cell.value,
            cell.size
        );
    }
    hidden.len()
}

#[test]
fn no_suppressed_count_can_be_worked_out_from_the_published_outputs() {
    // Over 100 lines on purpose: one expensive analysis run, every published output of it audited.
    let dir = temp_dir("disclosure");
    let export = export_with_small_groups(&dir);
    let out = dir.join("out");
    let output = pwe(&[
        "analyze",
        "--survey",
        "surveys/mall-parkeren.toml",
        "--responses",
        export.to_str().unwrap(),
        "--population",
        "fixtures/mall-buurten.csv",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let published = out.join("published");
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let n_responses = summary["n_responses"].as_u64().unwrap() as usize;

    // Overall counts: published, or worked out from an exclusive group's count.
    let mut totals: BTreeMap<String, Option<usize>> = read_csv(&published.join("shares.csv"))
        .iter()
        .map(|r| {
            (
                r["option_id"].clone(),
                number(&r["chosen"]).map(|c| c as usize),
            )
        })
        .collect();
    let true_totals: BTreeMap<String, usize> = read_csv(&out.join("shares.csv"))
        .iter()
        .map(|r| (r["option_id"].clone(), r["chosen"].parse().unwrap()))
        .collect();
    for group in summary["group_shares"].as_object().unwrap().values() {
        let options: Vec<String> = group["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_str().unwrap().to_string())
            .collect();
        let cells: Vec<Cell> = options
            .iter()
            .map(|o| Cell {
                label: format!("shares.csv {o}"),
                size: n_responses,
                value: true_totals[o],
                published: totals[o],
                sensitive: sensitive(n_responses, true_totals[o]),
            })
            .collect();
        let chosen = group["chosen"].as_u64().map(|c| c as usize);
        check_sum(chosen, &cells);
        let hidden: Vec<&String> = options.iter().filter(|o| totals[*o].is_none()).collect();
        if let (Some(chosen), [only]) = (chosen, hidden.as_slice()) {
            let known: usize = options.iter().filter_map(|o| totals[o]).sum();
            totals.insert((*only).clone(), Some(chosen - known));
        }
    }

    // Shares per buurt and per background group: every option's cells of one
    // variable add up to its overall count (with those who did not answer).
    let mut suppressed = 0;
    let mut complements = 0;
    for (table, first) in [("shares_by_buurt", "buurt"), ("shares_by_group", "group")] {
        let public = read_csv(&published.join(format!("{table}.csv")));
        let truth = read_csv(&out.join(format!("{table}.csv")));
        assert_eq!(public.len(), truth.len());
        let mut sums: BTreeMap<(String, String), Vec<Cell>> = BTreeMap::new();
        let mut sizes: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
        for (public, truth) in public.iter().zip(&truth) {
            let variable = truth.get("variable").cloned().unwrap_or("buurt".into());
            let size: usize = truth["n"].parse().unwrap();
            let value = (truth["share"].parse::<f64>().unwrap() * size as f64).round() as usize;
            let share = number(&public["share"]);
            assert_eq!(
                share.is_none(),
                public["n"].is_empty(),
                "a suppressed cell's group size is left out: {public:?}"
            );
            assert_eq!(share.is_none(), public["weighted_share"].is_empty());
            if let Some(share) = share {
                assert_eq!(share, (share * 1000.0).round() / 1000.0, "3 decimals");
            } else if size >= 20 && value >= 10 && size - value >= 10 {
                complements += 1;
            }
            let key = (variable.clone(), truth["option_id"].clone());
            sizes
                .entry(key.clone())
                .or_default()
                .insert(truth[first].clone(), size);
            sums.entry(key).or_default().push(Cell {
                label: format!("{table} {variable}={} {}", truth[first], truth["option_id"]),
                size,
                value,
                published: share.map(|s| (s * size as f64).round() as usize),
                sensitive: sensitive(size, value),
            });
            // The summary publishes the same cells.
            let pointer = if table == "shares_by_buurt" {
                format!(
                    "/shares_by_buurt/{}/weighted_shares/{}",
                    truth[first], truth["option_id"]
                )
            } else {
                format!(
                    "/shares_by_group/{variable}/{}/weighted_shares/{}",
                    truth[first], truth["option_id"]
                )
            };
            assert_eq!(
                summary.pointer(&pointer).unwrap().is_null(),
                share.is_none() || size == 0,
                "{pointer}"
            );
        }
        for ((variable, option), mut cells) in sums {
            let answered: usize = sizes[&(variable.clone(), option.clone())].values().sum();
            if answered < n_responses {
                let value = true_totals[&option] - cells.iter().map(|c| c.value).sum::<usize>();
                cells.push(Cell {
                    label: format!("{variable}=(no answer) {option}"),
                    size: n_responses - answered,
                    value,
                    published: None,
                    sensitive: sensitive(n_responses - answered, value),
                });
            }
            suppressed += check_sum(totals[&option], &cells);
        }
    }
    assert!(
        suppressed > 0 && complements > 0,
        "the export tests suppression"
    );

    // Evaluation per buurt: the buurten's sums of answers add up to the
    // overall sum, which the overall mean and its count give away.
    let overall: BTreeMap<String, (usize, Option<f64>)> =
        read_csv(&published.join("evaluation.csv"))
            .iter()
            .map(|r| {
                let n: usize = r["n"].parse().unwrap();
                (r["item_id"].clone(), (n, number(&r["mean"])))
            })
            .collect();
    let public = read_csv(&published.join("evaluation_by_buurt.csv"));
    let truth = read_csv(&out.join("evaluation_by_buurt.csv"));
    let mut per_item: BTreeMap<String, Vec<Cell>> = BTreeMap::new();
    for (public, truth) in public.iter().zip(&truth) {
        let item = truth["item_id"].clone();
        let (low, range) = match summary["evaluation"][&item]["kind"].as_str() {
            Some("likert5") => (1.0, 4),
            _ => (0.0, 10),
        };
        let size: usize = truth["n"].parse().unwrap();
        let shifted = |mean: f64| ((mean - low) * size as f64).round() as usize;
        let mean = number(&public["mean"]);
        assert_eq!(mean.is_none(), public["n"].is_empty());
        per_item.entry(item.clone()).or_default().push(Cell {
            label: format!("evaluation_by_buurt {item} buurt={}", truth["buurt"]),
            size: size * range,
            value: shifted(truth["mean"].parse().unwrap()),
            published: mean.map(shifted),
            sensitive: size > 0 && size < 10,
        });
    }
    let mut hidden_means = 0;
    for (item, cells) in per_item {
        let (n, mean) = overall[&item];
        let low = if summary["evaluation"][&item]["kind"] == "likert5" {
            1.0
        } else {
            0.0
        };
        let total = mean.map(|m| ((m - low) * n as f64).round() as usize);
        hidden_means += check_sum(total, &cells);
    }
    assert!(hidden_means > 0, "the small buurt's means are suppressed");
    assert!(
        hidden_values(&summary, &published, &out) > 0,
        "rare values of the evaluation are suppressed"
    );
    assert!(
        hidden_themes(&published, &out) > 0,
        "rare arguments are suppressed"
    );
    pairs_and_portfolios_keep_ten(&published, &out, n_responses);

    // The report writes a suppressed share as a word.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("class=\"suppressed\""));
    assert!(html.contains(">afgeschermd<") && html.contains(">suppressed<"));
    let group = &summary["shares_by_group"]["leeftijd"]["tot-25"]["weighted_shares"];
    let option = group.as_object().unwrap().keys().next().unwrap();
    let pointer = format!("/shares_by_group/leeftijd/tot-25/weighted_shares/{option}");
    assert!(
        html.contains(&format!("data-key=\"{pointer}\" class=\"suppressed\"")),
        "{pointer} reads as suppressed"
    );
}

/// The distribution of every evaluation item: each value's count adds up to
/// the item's answers, and, times the value above the scale's lowest, to the
/// sum of answers that the published mean gives away. Two sums at once, so
/// the attacker works out exactly which counts the hidden values can take
/// together (every whole number, not a relaxation). Returns how many values
/// are suppressed.
fn hidden_values(summary: &Value, published: &Path, out: &Path) -> usize {
    let public = read_csv(&published.join("evaluation_distribution.csv"));
    let truth = read_csv(&out.join("evaluation_distribution.csv"));
    let overall: BTreeMap<String, BTreeMap<String, String>> =
        read_csv(&published.join("evaluation.csv"))
            .into_iter()
            .map(|r| (r["item_id"].clone(), r))
            .collect();
    let mut hidden_total = 0;
    for (item, row) in &overall {
        let n: usize = row["n"].parse().unwrap();
        let low = if summary["evaluation"][item]["kind"] == "likert5" {
            1
        } else {
            0
        };
        let sum = number(&row["mean"]).map(|m| ((m - f64::from(low)) * n as f64).round() as usize);
        let mut rest_n = n;
        let mut rest_sum = sum;
        let mut hidden = Vec::new();
        for (public, truth) in public
            .iter()
            .zip(&truth)
            .filter(|(_, t)| &t["item_id"] == item)
        {
            let value: u32 = truth["value"].parse().unwrap();
            let weight = (value - low) as usize;
            let count: usize = truth["n"].parse().unwrap();
            match public["n"].as_str() {
                "" => hidden.push((weight, count)),
                shown => {
                    let shown: usize = shown.parse().unwrap();
                    assert_eq!(shown, count, "{item} value {value}");
                    rest_n -= shown;
                    rest_sum = rest_sum.map(|s| s - shown * weight);
                }
            }
        }
        hidden_total += hidden.len();
        for (at, &(weight, count)) in hidden.iter().enumerate() {
            if !sensitive(n, count) {
                continue;
            }
            let others: Vec<usize> = hidden
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, c)| c.0)
                .collect();
            let max_sum = rest_sum.unwrap_or(0);
            let sums = sums_by_households(&others, rest_n, max_sum);
            let possible: Vec<usize> = (0..=rest_n)
                .filter(|&x| match rest_sum {
                    Some(s) if x * weight <= s => {
                        let left = s - x * weight;
                        sums[rest_n - x][left / 64] >> (left % 64) & 1 == 1
                    }
                    Some(_) => false,
                    // Without the mean only the number of answers ties them.
                    None => !others.is_empty() || x == rest_n,
                })
                .collect();
            let (lower, upper) = (possible[0], possible[possible.len() - 1]);
            assert!(
                upper - lower >= n.min(10).div_ceil(2),
                "evaluation_distribution {item}: a value's count ({count} of {n}) can be worked out to {lower}..={upper}"
            );
        }
    }
    hidden_total
}

/// For every number of households up to `households`, the sums up to
/// `max_sum` (bit by bit) that counts of values with these `weights` can make.
fn sums_by_households(weights: &[usize], households: usize, max_sum: usize) -> Vec<Vec<u64>> {
    let words = max_sum / 64 + 1;
    let mut reach = vec![vec![0u64; words]; households + 1];
    reach[0][0] = 1;
    for &weight in weights {
        let mut next = reach.clone();
        for a in 0..households {
            for k in 1..=households - a {
                let shift = k * weight;
                if shift > max_sum {
                    break;
                }
                // next[a + k] |= reach[a] << shift, within max_sum.
                let (word, bit) = (shift / 64, shift % 64);
                for w in (word..words).rev() {
                    let low = reach[a][w - word] << bit;
                    let carry = if bit > 0 && w > word {
                        reach[a][w - word - 1] >> (64 - bit)
                    } else {
                        0
                    };
                    next[a + k][w] |= low | carry;
                }
            }
        }
        reach = next;
    }
    reach
}

/// The themes of the arguments per option and stance: a motivation can give
/// several, so no sum ties them; each count and share is published only under
/// the primary rule. Returns how many are suppressed.
fn hidden_themes(published: &Path, out: &Path) -> usize {
    let public = read_csv(&published.join("arguments.csv"));
    let truth = read_csv(&out.join("arguments.csv"));
    assert!(!truth.is_empty(), "the export has arguments");
    let mut hidden = 0;
    for (public, truth) in public.iter().zip(&truth) {
        let n: usize = truth["n"].parse().unwrap();
        let count: usize = truth["count"].parse().unwrap();
        let label = format!(
            "arguments {} {} {}",
            truth["option_id"], truth["stance"], truth["theme"]
        );
        if public["count"].is_empty() {
            assert!(
                public["weighted_share"].is_empty(),
                "{label}: a share without its count"
            );
            hidden += 1;
        } else {
            assert!(!sensitive(n, count), "{label}: {count} of {n} is published");
            assert_eq!(public["count"], truth["count"], "{label}");
        }
    }
    hidden
}

/// Pairs chosen together are published only when both options' counts are
/// and every cell of the pair's two-by-two table (both, only the one, only
/// the other, neither) holds at least 10 households; a portfolio only when at
/// least 10 chose it.
fn pairs_and_portfolios_keep_ten(published: &Path, out: &Path, n_responses: usize) {
    let chosen = |dir: &Path| -> BTreeMap<String, String> {
        read_csv(&dir.join("shares.csv"))
            .into_iter()
            .map(|r| (r["option_id"].clone(), r["chosen"].clone()))
            .collect()
    };
    let (truth_chosen, public_chosen) = (chosen(out), chosen(published));
    let public = read_csv(&published.join("coselection.csv"));
    let truth = read_csv(&out.join("coselection.csv"));
    let mut shown = 0;
    for (public, truth) in public.iter().zip(&truth) {
        if public["both"].is_empty() {
            continue;
        }
        shown += 1;
        let (a, b) = (&truth["option_a"], &truth["option_b"]);
        assert!(
            !public_chosen[a].is_empty() && !public_chosen[b].is_empty(),
            "{a}+{b}"
        );
        let both: usize = truth["both"].parse().unwrap();
        let (total_a, total_b): (usize, usize) = (
            truth_chosen[a].parse().unwrap(),
            truth_chosen[b].parse().unwrap(),
        );
        let cells = [
            both,
            total_a - both,
            total_b - both,
            n_responses + both - total_a - total_b,
        ];
        assert!(
            cells.iter().all(|&c| c >= 10),
            "{a}+{b}: {cells:?} is published"
        );
    }
    assert!(shown > 0, "some pairs are published");
    for row in read_csv(&published.join("portfolios.csv")) {
        let n: usize = row["n"].parse().unwrap();
        assert!(
            n >= 10,
            "portfolio {} of {n} households is published",
            row["portfolio"]
        );
    }
}
