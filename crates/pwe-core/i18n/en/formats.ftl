# How dates and durations are written in English. Numbers, percentages and
# euros are written by pwe_core::format, whose separators are below.

decimal_separator = .
time_separator = :
thousands_separator = ,
date_long = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
date_short = { $day } { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
duration_and = { $first } and { $second }
# A moment: a date and a time of day.
moment = { $date }, { $time }
# A p-value: below a thousandth as a bound, else with three decimals.
p_below = p < { $limit }
p_is = p = { $p }
