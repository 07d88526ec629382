//! `pwe simulate`, `pwe analyze` and `pwe arguments`: research batches.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::{pwe, stderr, stdout, temp_dir};

#[test]
fn simulate_writes_the_export_format_reproducibly() {
    let dir = temp_dir("simulate");
    let run = |name: &str, seed: &str| {
        let out = dir.join(name);
        simulate("300", seed, &["--out", out.to_str().unwrap()]);
        out
    };
    let first = run("a", "1");
    let again = run("b", "1");
    let other = run("c", "2");
    for file in [
        "responses.csv",
        "choices.csv",
        "motivations.csv",
        "evaluation.csv",
        "followup.csv",
        "participation.csv",
    ] {
        let a = std::fs::read(first.join(file)).unwrap();
        assert_eq!(
            a,
            std::fs::read(again.join(file)).unwrap(),
            "{file} differs for the same seed"
        );
    }
    assert_ne!(
        std::fs::read(first.join("choices.csv")).unwrap(),
        std::fs::read(other.join("choices.csv")).unwrap()
    );
    let responses = std::fs::read_to_string(first.join("responses.csv")).unwrap();
    // Every household responds by chance: about 300, not exactly.
    let n = responses.lines().count() - 1;
    assert!((240..360).contains(&n), "{n} respondents");
    assert_ne!(
        std::fs::read_to_string(other.join("responses.csv"))
            .unwrap()
            .lines()
            .count()
            - 1,
        n,
        "the number of respondents varies with the seed"
    );
    assert!(responses.starts_with(
        "response_id,version,buurt,started_at,submitted_at,channel,leeftijd,huishouden,autos,overlast\n"
    ));
    assert!(
        responses.contains(",zeg-ik-liever-niet,"),
        "some prefer not to say"
    );
    assert!(
        responses.contains(",\n") || responses.contains(",,"),
        "some skip an optional question"
    );
    let choices = std::fs::read_to_string(first.join("choices.csv")).unwrap();
    assert_eq!(choices.lines().count(), 1 + n * 9);
    let positions: std::collections::BTreeSet<&str> = choices
        .lines()
        .skip(1)
        .filter(|l| l.contains(",vergunningparkeren,"))
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert!(
        positions.len() > 3,
        "options are shown in a random order: {positions:?}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn another_consultation_round_trips_every_answer_kind_through_export_and_analysis() {
    let dir = temp_dir("simulate-other");
    let export = dir.join("export");
    let fixture = |name: &str| format!("fixtures/simulate/{name}");
    let (survey, population) = (fixture("jeugd.toml"), fixture("jeugd-buurten.csv"));
    let output = pwe(&[
        "simulate",
        "--survey",
        &survey,
        "--population",
        &population,
        "--rate",
        "0.3",
        "--seed",
        "2",
        "--free-text",
        "--out",
        export.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let read = |file: &str| -> Vec<csv::StringRecord> {
        csv::Reader::from_path(export.join(file))
            .unwrap()
            .records()
            .map(Result::unwrap)
            .collect()
    };
    let responses = read("responses.csv");
    // response_id, version, buurt, started_at, submitted_at, channel, leeftijd, contact, kinderen, wens
    assert!(responses.iter().any(|r| &r[6] == "zeg-ik-liever-niet"));
    assert!(
        responses.iter().any(|r| r[7].contains(';')),
        "several contacts ticked"
    );
    assert!(
        responses.iter().any(|r| r[8].parse::<i64>().is_ok()),
        "numbers"
    );
    assert!(
        responses.iter().any(|r| r[8].is_empty()),
        "an optional question skipped"
    );
    let minutes: std::collections::BTreeSet<&str> =
        responses.iter().map(|r| &r[4][11..16]).collect();
    assert!(minutes.len() > 10, "times vary");
    let motivations = read("motivations.csv");
    assert!(
        motivations.iter().all(|m| !m[3].contains("parkeer")),
        "none of the Mall's texts"
    );
    let output = pwe(&[
        "analyze",
        "--survey",
        &survey,
        "--responses",
        export.to_str().unwrap(),
        "--population",
        &population,
        "--mapping",
        &fixture("jeugd.population.toml"),
        "--no-model",
        "--quiet",
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/summary.json")).unwrap())
            .unwrap();
    assert_eq!(
        summary["n_responses"].as_u64().unwrap() as usize,
        responses.len()
    );
    assert_eq!(summary["simulated"], true);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn mall_texts_of_several_lines_and_spreadsheet_signs_round_trip() {
    let dir = temp_dir("simulate-texts");
    let export = export_with_text(&dir, "300", "8");
    let texts: Vec<String> = csv::Reader::from_path(export.join("motivations.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap()[3].to_string())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains('\n')),
        "a motivation of several lines"
    );
    // Written safe for a spreadsheet: one apostrophe in front of "=", "+", "-", "@".
    assert!(texts.iter().any(|t| t.starts_with("'=")
        || t.starts_with("'-")
        || t.starts_with("'@")
        || t.starts_with("'+")));
    assert!(
        !texts
            .iter()
            .any(|t| t.starts_with('=') || t.starts_with('@'))
    );
    let out = dir.join("report");
    analyze(["--responses", export.to_str().unwrap()], &out);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A simulated export of `n` households (with free text) in `dir/export`.
fn export_with_text(dir: &Path, n: &str, seed: &str) -> PathBuf {
    let export = dir.join("export");
    simulate(n, seed, &["--free-text", "--out", export.to_str().unwrap()]);
    export
}

/// Runs `pwe simulate` with `extra` arguments, asserting success.
fn simulate(n: &str, seed: &str, extra: &[&str]) {
    let mut args = vec![
        "simulate",
        "--survey",
        "surveys/mall-parkeren.toml",
        "--population",
        "fixtures/mall-buurten.csv",
        "--n",
        n,
        "--seed",
        seed,
        "--bias",
    ];
    args.extend(extra);
    let output = pwe(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// Runs `pwe analyze --quiet` reading from `source` (`--responses DIR` or
/// `--db URL`) into `out`, with `extra` arguments.
fn run_analyze(source: [&str; 2], out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "analyze",
        "--survey",
        "surveys/mall-parkeren.toml",
        source[0],
        source[1],
        "--population",
        "fixtures/mall-buurten.csv",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend(extra);
    pwe(&args)
}

/// [`run_analyze`] without extra arguments, asserting success and silence.
fn analyze(source: [&str; 2], out: &Path) {
    let output = run_analyze(source, out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "--quiet prints nothing");
}

/// Every `<data value=".." data-key="/json/pointer">` element of a report.
fn report_figures(html: &str) -> Vec<(String, String)> {
    html.split("<data value=\"")
        .skip(1)
        .map(|rest| {
            let (value, rest) = rest.split_once('"').unwrap();
            let key = rest
                .strip_prefix(" data-key=\"")
                .and_then(|r| r.split_once('"'))
                .unwrap()
                .0;
            (value.to_string(), key.to_string())
        })
        .collect()
}

#[test]
fn analyze_writes_a_report_whose_figures_are_the_summary_and_reproducible() {
    // Over 100 lines on purpose: one report checked figure by figure against its summary, on one expensive simulated batch.
    let dir = temp_dir("analyze");
    let export = dir.join("export");
    simulate("400", "3", &["--out", export.to_str().unwrap()]);
    let (first, again) = (dir.join("a"), dir.join("b"));
    analyze(["--responses", export.to_str().unwrap()], &first);
    analyze(["--responses", export.to_str().unwrap()], &again);

    let mut files: Vec<PathBuf> = Vec::new();
    for folder in [first.clone(), first.join("published")] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "{files:?}");
    for path in &files {
        let twin = again.join(path.strip_prefix(&first).unwrap());
        assert_eq!(
            std::fs::read(path).unwrap(),
            std::fs::read(&twin).unwrap(),
            "{} differs between two runs",
            path.display()
        );
    }

    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(first.join("summary.json")).unwrap())
            .unwrap();
    let html = std::fs::read_to_string(first.join("report.html")).unwrap();
    let figures = report_figures(&html);
    assert!(figures.len() > 200, "only {} figures", figures.len());
    for (value, key) in &figures {
        let in_summary = summary
            .pointer(key)
            .unwrap_or_else(|| panic!("{key} is not in the summary"));
        if value.is_empty() {
            assert!(
                in_summary.is_null(),
                "{key} is suppressed in the report but not in the summary"
            );
        } else {
            assert_eq!(&in_summary.to_string(), value, "{key}");
        }
    }
    // How the advice came in, in the participation section, from the summary.
    assert!(html.contains("Zo kwamen de adviezen binnen: online: "));
    assert!(
        figures
            .iter()
            .any(|(_, k)| k == "/participation/channels/0/responses")
    );
    // Every option's weighted share is shown, and nothing is fetched from elsewhere.
    for option in ["vergunningparkeren", "garage-afspraak", "fiets-ov"] {
        let key = format!("/option_shares/{option}/weighted_share");
        assert!(figures.iter().any(|(_, k)| *k == key), "{key} missing");
    }
    // The choice model and its segments are in the summary and the report.
    assert_eq!(summary["model"]["identified"], true);
    assert!(summary["model"]["max_abs_gradient"].as_f64().unwrap() < 1e-6);
    assert!(
        figures
            .iter()
            .any(|(_, k)| k == "/model/money_values/0/value")
    );
    assert!(
        figures
            .iter()
            .any(|(_, k)| k.starts_with("/model/segments/fits/"))
    );
    assert!(first.join("model.json").exists());
    assert_eq!(
        html.matches("<svg").count() % 4,
        0,
        "charts come in nl/en pairs at desktop and phone width"
    );
    // What a council member reads first, and in words rather than ids.
    let summary_at = html.find("Samenvatting").expect("a summary");
    assert!(
        summary_at < html.find("Deelname</span>").unwrap(),
        "the summary comes first"
    );
    assert!(
        html.contains("class=\"simulated\""),
        "simulated data is marked"
    );
    assert_eq!(summary["simulated"], true);
    for words in [
        "Leidsenhage",
        "één van",
        " + Afspraak met The Mall over goedkoper parkeren in de garages",
    ] {
        assert!(html.contains(words), "the report shows {words}");
    }
    assert!(!html.contains(">BU1916"), "buurten by name, not code");
    assert!(
        !html.contains("handhaving:1 +") && !html.contains("+ garage-afspraak"),
        "portfolios by titles, not ids"
    );
    assert_eq!(summary["spend"]["weighted"], true);
    assert!(summary["group_shares"]["parkeerregime"]["weighted_share"].is_number());
    // The representativeness of a census: df without a missing category,
    // the adjusted R-indicator with its interval, verdicts.
    let representativeness = &summary["representativeness"];
    assert_eq!(representativeness["margins"]["huishouden"]["df"], 2.0);
    assert!(
        representativeness["r_indicator_adjusted"].as_f64().unwrap()
            >= representativeness["r_indicator"].as_f64().unwrap()
    );
    assert!(representativeness["verdict"].is_string());
    assert!(representativeness["margins"]["buurt"]["verdict"].is_string());
    assert!(html.matches("<svg").count() >= 10);
    for external in [
        "src=\"http",
        "href=\"http",
        "<script",
        "<link",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(external), "the report refers to {external}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn simulate_fills_a_service_database_that_analyze_reads() {
    let dir = temp_dir("simulate-db");
    let db = format!("sqlite://{}", dir.join("pwe.sqlite").display());
    simulate("200", "5", &["--db", &db]);
    let out = dir.join("report");
    analyze(["--db", &db], &out);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let n = summary["n_responses"].as_i64().unwrap();
    assert!((150..250).contains(&n), "{n}");
    assert_eq!(summary["participation"]["submitted"], n);
    assert_eq!(
        summary["simulated"], true,
        "a database filled by simulate is analysed as simulated"
    );
    let started = summary["participation"]["started"].as_i64().unwrap();
    let stopped: i64 = summary["participation"]["dropoff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["stopped"].as_i64().unwrap())
        .sum();
    assert!(stopped > 0, "some households stopped");
    assert_eq!(started, n + stopped);
    assert!(
        !out.join(".export").exists(),
        "the intermediate export is removed"
    );
    // Three test households besides: only an export with --test has them.
    let survey = "surveys/mall-parkeren.toml";
    let count = |extra: &[&str]| {
        let export = dir.join(format!("export{}", extra.len()));
        let mut args = vec![
            "export",
            "--db",
            &db,
            "--survey",
            survey,
            "--out",
            export.to_str().unwrap(),
        ];
        args.extend(extra);
        let output = pwe(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let responses = std::fs::read_to_string(export.join("responses.csv")).unwrap();
        assert!(
            export.join("SIMULATED.txt").exists(),
            "the export of a simulated database says so"
        );
        responses.lines().count() as i64 - 1
    };
    assert_eq!(count(&[]), n);
    assert_eq!(count(&["--test"]), n + 3);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn arguments_are_coded_by_the_codebook_and_by_hand_with_kappa() {
    // Over 100 lines on purpose: one coding round (sheet, two coders, analysis, kappa) on one simulated batch.
    let dir = temp_dir("arguments");
    let export = export_with_text(&dir, "300", "4");
    let sheet = dir.join("sheet.csv");
    let output = pwe(&[
        "arguments",
        "sheet",
        "--survey",
        "surveys/mall-parkeren.toml",
        "--responses",
        export.to_str().unwrap(),
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(text.starts_with("motivation_id,option_id,stance,text,coder,themes\n"));
    // Two coders code the first 40 motivations: one says "kosten" for every
    // text with "duur", the other also for "geld"; rows after 40 stay empty.
    // Read as CSV: some motivations run over several lines.
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let coded = |coder: &str, words: &[&str]| -> String {
        let mut out = String::from("motivation_id,option_id,stance,text,coder,themes\n");
        for row in rows.iter().take(40) {
            let id = &row[0];
            let themes = if words.iter().any(|w| row[3].contains(w)) {
                "kosten"
            } else {
                ""
            };
            out.push_str(&format!("{id},,,,{coder},{themes}\n"));
        }
        out
    };
    let (a, b) = (dir.join("a.csv"), dir.join("b.csv"));
    std::fs::write(&a, coded("anna", &["duur"])).unwrap();
    std::fs::write(&b, coded("bram", &["duur", "geld"])).unwrap();
    let out = dir.join("report");
    let responses = ["--responses", export.to_str().unwrap()];
    let output = run_analyze(
        responses,
        &out,
        &[
            "--no-model",
            "--coding",
            a.to_str().unwrap(),
            "--coding",
            b.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let arguments = &summary["arguments"];
    assert!(arguments["n_with_text"].as_u64().unwrap() > 100);
    assert_eq!(arguments["n_coded_by_hand"], 40);
    // The simulated texts come from templates the codebook covers.
    assert!(
        arguments["unmatched_share"].as_f64().unwrap() < 0.2,
        "{}",
        arguments["unmatched_share"]
    );
    let pairs: Vec<String> = arguments["agreement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{}-{}:{}",
                a["a"].as_str().unwrap(),
                a["b"].as_str().unwrap(),
                a["n"]
            )
        })
        .collect();
    assert_eq!(
        pairs,
        ["anna-bram:40", "anna-codebook:40", "bram-codebook:40"]
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Waarom? De argumenten"));
    // The style sheet has @media rules; what a reader sees has no e-mail
    // address (an "@" after a letter or digit), though a text may start with "@".
    let body = &html[html.find("<body>").unwrap()..];
    let mail = body.match_indices('@').find(|(at, _)| {
        body[..*at]
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric)
    });
    assert!(mail.is_none(), "an e-mail address in the report: {mail:?}");

    // A theme the codebook does not know is named with file, line and column.
    std::fs::write(
        &a,
        format!(
            "motivation_id,coder,themes\n{},anna,geluk\n",
            text.lines().nth(1).unwrap().split(',').next().unwrap()
        ),
    )
    .unwrap();
    let output = run_analyze(
        responses,
        &out,
        &["--no-model", "--coding", a.to_str().unwrap()],
    );
    assert_ne!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains(&format!(
            "{}:2: themes: \"geluk\" is not a theme",
            a.display()
        )),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_participation_report_has_every_section_and_the_councils_answer() {
    let dir = temp_dir("participation-report");
    let export = export_with_text(&dir, "300", "5");
    let (decided, undecided) = (dir.join("decided"), dir.join("undecided"));
    let output = run_analyze(
        ["--responses", export.to_str().unwrap()],
        &decided,
        &[
            "--no-model",
            "--response",
            "fixtures/mall-parkeren.response.toml",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = std::fs::read_to_string(decided.join("participation-report.html")).unwrap();
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(decided.join("summary.json")).unwrap())
            .unwrap();
    for section in [
        "Wat vroegen we, en waarom?",
        "Participatieniveau",
        "Wie deden mee?",
        "Wat adviseerden bewoners, en waarom?",
        "Wat besloot de raad, en waarom?",
        "Hoe beoordeelden deelnemers de raadpleging?",
        "Evaluatie van de methode (ACTIE)",
        "Wat gebeurt er nu?",
    ] {
        assert!(html.contains(section), "the report has {section}");
    }
    assert!(html.contains("<span lang=\"nl\">24 juni 2027</span>"));
    assert_eq!(
        html.matches("Overgenomen</span>").count(),
        4,
        "four options adopted"
    );
    assert!(
        html.contains("Argumenten van bewoners"),
        "quotes with --free-text"
    );
    assert!(
        html.contains("Extra handhavers in dienst"),
        "the steps of what happens next"
    );
    // Every figure is the summary's.
    let figures = report_figures(&html);
    assert!(figures.len() > 40, "{}", figures.len());
    for (value, key) in &figures {
        let in_summary = summary.pointer(key).unwrap_or_else(|| panic!("{key}"));
        if !value.is_empty() {
            assert_eq!(&in_summary.to_string(), value, "{key}");
        }
    }
    // Before the council's answer the report says so.
    analyze(["--responses", export.to_str().unwrap()], &undecided);
    let html = std::fs::read_to_string(undecided.join("participation-report.html")).unwrap();
    assert!(html.contains("De raad heeft nog niet besloten."));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Whether `c` is a control character (other than a tab or a line break) or
/// a bidi control: what no report may send as it is.
fn acts(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn text_from_files_is_escaped_and_shown_in_both_reports() {
    let dir = temp_dir("hostile-names");
    let read = |path: &str| std::fs::read_to_string(crate::repo().join(path)).unwrap();
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    // Buurt names from the population file: markup, and control characters
    // (an escape sequence, a NUL, a right-to-left override).
    let population = write(
        "buurten.csv",
        read("fixtures/mall-buurten.csv")
            .replace(",Leidsenhage,", ",</title><script>alert(1)</script>,")
            .replace(",Damsigt,", ",<svg/onload=alert(1)>,")
            .replace(",Prinsenhof,", ",Prinsen\x1b[31mhof\0\u{202e}x,"),
    );
    // The survey's title and an option's name (with TOML's escapes for the
    // control characters), a theme of the codebook beside it, and the
    // council's reasons.
    for sibling in ["population", "params", "model"] {
        let name = format!("mall-parkeren.{sibling}.toml");
        write(&name, read(&format!("surveys/{name}")));
    }
    let survey = write(
        "mall-parkeren.toml",
        read("surveys/mall-parkeren.toml")
            .replace(
                "title = { nl = \"Parkeren en verkeer rond",
                "title = { nl = \"<script>alert('titel')</script> Parkeren en verkeer rond",
            )
            .replace(
                "title = { nl = \"Blauwe zone\", en = \"Parking disc zone\" }",
                "title = { nl = \"<svg/onload=alert(1)> Blauwe \\u001b[31mzone\\u202e\", en = \"<svg/onload=alert(1)> Parking disc \\u001b[31mzone\\u202e\" }",
            ),
    );
    write(
        "mall-parkeren.codebook.toml",
        read("surveys/mall-parkeren.codebook.toml").replace(
            "label = { nl = \"Bereikbaarheid\", en = \"Accessibility\" }",
            "label = { nl = \"<script>thema</script>\", en = \"<script>theme</script>\" }",
        ),
    );
    let response = write(
        "response.toml",
        read("fixtures/mall-parkeren.response.toml").replace(
            "reasoning = { nl = \"Een blauwe zone",
            "reasoning = { nl = \"<script>raad</script>\\u001b]0;titel\\u0007 Een blauwe zone",
        ),
    );
    let export = dir.join("export");
    let output = pwe(&[
        "simulate",
        "--survey",
        &survey,
        "--population",
        &population,
        "--n",
        "300",
        "--seed",
        "6",
        "--free-text",
        "--out",
        export.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = dir.join("report");
    let output = pwe(&[
        "analyze",
        "--survey",
        &survey,
        "--responses",
        export.to_str().unwrap(),
        "--population",
        &population,
        "--response",
        &response,
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let option = "&lt;svg/onload=alert(1)&gt; Blauwe \\u{1b}[31mzone\\u{202e}";
    let title = "&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt; Parkeren";
    for (file, shown) in [
        (
            "report.html",
            &[
                option,
                title,
                // The buurten's names, in the participation table.
                "<td role=\"cell\">&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>",
                "<td role=\"cell\">&lt;svg/onload=alert(1)&gt;</td>",
                "<td role=\"cell\">Prinsen\\u{1b}[31mhof\\u{0}\\u{202e}x</td>",
                // In a chart, where plotters escapes the markup.
                ">\nPrinsen\\u{1b}[31mhof\\u{0}\\u{202e}x\n</text>",
                ">\n&lt;svg/onload=alert(1)&gt;\n</text>",
                "&lt;script&gt;thema&lt;/script&gt;",
            ][..],
        ),
        (
            "participation-report.html",
            &[
                option,
                title,
                "&lt;script&gt;raad&lt;/script&gt;\\u{1b}]0;titel\\u{7} Een blauwe zone",
            ][..],
        ),
    ] {
        let html = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(!html.contains("<script"), "{file} has a script element");
        assert!(!html.contains("<svg/onload"), "{file} has an onload");
        for text in shown {
            assert!(html.contains(text), "{file} shows {text}");
        }
        let sent: Vec<char> = html.chars().filter(|&c| acts(c)).collect();
        assert!(sent.is_empty(), "{file} sends {sent:?}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}
