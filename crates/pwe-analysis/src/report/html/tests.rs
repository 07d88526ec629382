use super::*;
use serde_json::json;

#[test]
fn figures_carry_the_summary_value_and_read_in_both_languages() {
    let summary = json!({ "a": { "share": 0.4237, "cost": 1234567.0, "gone": null } });
    let share = figure(&summary, "/a/share", Format::Percent);
    assert!(share.contains("value=\"0.4237\" data-key=\"/a/share\""));
    assert!(share.contains(">42,4%<") && share.contains(">42.4%<"));
    let cost = figure(&summary, "/a/cost", Format::Euros);
    assert!(cost.contains("€ 1.234.567") && cost.contains("€1,234,567"));
    assert!(figure(&summary, "/a/gone", Format::Percent).contains(">–<"));
    let gone = protected(&summary, "/a/gone", Format::Percent);
    assert!(gone.contains(">afgeschermd<") && gone.contains(">suppressed<"));
    assert!(gone.contains("data-key=\"/a/gone\""));
    assert!(protected(&summary, "/a/share", Format::Percent).contains(">42.4%<"));
    assert_eq!(
        esc("<a href=\"x\">&'"),
        "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
    );
}

#[test]
fn control_and_bidi_characters_are_shown_not_sent() {
    assert!(matches!(shown("Mall-Oost"), Cow::Borrowed("Mall-Oost")));
    assert_eq!(
        esc("\x1b[31m<b>\0\u{7f}\u{9b}\u{202e}x\u{2066}"),
        "\\u{1b}[31m&lt;b&gt;\\u{0}\\u{7f}\\u{9b}\\u{202e}x\\u{2066}"
    );
    assert_eq!(shown("a\tb\nc\r\n"), "a\tb\nc\r\n");
}

#[test]
fn the_report_catalog_has_the_same_messages_in_both_languages() {
    let report = |lang| {
        pwe_core::words::ids(lang)
            .into_iter()
            .find(|(area, _)| *area == "report")
            .map(|(_, ids)| ids)
            .unwrap()
    };
    assert_eq!(report(Lang::Nl), report(Lang::En));
    // Plurals and thresholds are filled, never restated.
    let weights = |n: usize, lang| {
        words(lang).fill(
            "report_large_weights",
            &[("n", n.into()), ("times", "5".into())],
        )
    };
    assert_eq!(
        weights(1, Lang::Nl),
        " 1 deelnemer telt voor meer dan 5 keer het gemiddelde gewicht: de cijfers leunen op zijn of haar antwoord."
    );
    assert!(weights(1200, Lang::En).starts_with(" 1,200 respondents count for more than 5 times"));
    assert_eq!(
        both_fill("report_groups_differ_little", |lang| vec![(
            "points",
            pwe_core::format::decimal(15.0, 0, lang).into()
        )]),
        "<span lang=\"nl\">Groepen verschillen weinig: geen optie verschilt 15 procentpunt of meer tussen groepen.</span><span lang=\"en\">Groups differ little: no option differs by 15 percentage points or more between groups.</span>"
    );
    assert!(figure(&json!({ "n": 5000 }), "/n", Format::Count).contains(">5.000<"));
}
