//! How figures are written in Dutch and English (`pwe_core::format`): the
//! formats every page, letter and report shows.

use chrono::NaiveDate;
use pwe_core::Lang;
use pwe_core::format::*;
use pwe_core::words::words;

#[test]
fn figures_in_dutch_and_english() {
    assert_eq!(count(5000, Lang::Nl), "5.000");
    assert_eq!(count(5000, Lang::En), "5,000");
    assert_eq!(decimal(0.8712, 2, Lang::Nl), "0,87");
    assert_eq!(percent(0.3, 1, Lang::Nl), "30,0%");
    assert_eq!(percent(0.3, 1, Lang::En), "30.0%");
    assert_eq!(euros(1_500_000, Lang::Nl), "€ 1.500.000");
    assert_eq!(euros(-250, Lang::En), "−€250");
    assert_eq!(cents(-12.5, Lang::Nl), "−€ 12,50");
    assert_eq!(cents(1234.5, Lang::En), "€1,234.50");
}

#[test]
fn dates_and_durations() {
    let d = NaiveDate::from_ymd_opt(2026, 11, 9).unwrap();
    assert_eq!(date(d, Lang::Nl), "9 november 2026");
    assert_eq!(date(d, Lang::En), "9 November 2026");
    assert_eq!(day(d, Lang::Nl), "9 nov.");
    let span = chrono::TimeDelta::minutes(4 * 1440 + 8 * 60 + 5);
    assert_eq!(duration(span, Lang::Nl), "4 dagen en 8 uur");
    assert_eq!(duration(chrono::TimeDelta::hours(1), Lang::En), "1 hour");
    assert_eq!(
        duration(chrono::TimeDelta::minutes(90), Lang::En),
        "1 hour and 30 minutes"
    );
    assert_eq!(duration(chrono::TimeDelta::days(2), Lang::Nl), "2 dagen");
    assert_eq!(
        count(12_345, Lang::Nl),
        words(Lang::Nl)
            .fill("days", &[("n", 12345.into())])
            .replace(" dagen", "")
    );
}

#[test]
fn moments() {
    let at = NaiveDate::from_ymd_opt(2027, 1, 11)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    assert_eq!(moment(at, Lang::Nl), "11 januari 2027, 9.00 uur");
    assert_eq!(moment(at, Lang::En), "11 January 2027, 9:00");
}

#[test]
fn small_numbers_and_minus_signs() {
    assert_eq!(scientific(3.14e-13, Lang::Nl), "3,1e-13");
    assert_eq!(decimal(-0.3441, 2, Lang::Nl), "−0,34");
    assert_eq!(decimal(-0.001, 2, Lang::En), "0.00");
    assert_eq!(decimal(12864.63, 1, Lang::Nl), "12.864,6");
    assert_eq!(p_value(0.0004, Lang::Nl), "p < 0,001");
    assert_eq!(p_value(0.2261, Lang::En), "p = 0.226");
}
