# How dates and durations are written in Dutch. Numbers, percentages and euros
# are written by pwe_core::format, whose separators are below.

decimal_separator = ,
time_separator = .
thousands_separator = .
date_long = { $day } { $month ->
    [1] januari
    [2] februari
    [3] maart
    [4] april
    [5] mei
    [6] juni
    [7] juli
    [8] augustus
    [9] september
    [10] oktober
    [11] november
   *[12] december
} { $year }
date_short = { $day } { $month ->
    [1] jan.
    [2] feb.
    [3] mrt.
    [4] apr.
    [5] mei
    [6] jun.
    [7] jul.
    [8] aug.
    [9] sep.
    [10] okt.
    [11] nov.
   *[12] dec.
}
days = { $n ->
    [one] { $n } dag
   *[other] { $n } dagen
}
hours = { $n ->
    [one] { $n } uur
   *[other] { $n } uur
}
minutes = { $n ->
    [one] { $n } minuut
   *[other] { $n } minuten
}
duration_and = { $first } en { $second }
# A moment: a date and a time of day.
moment = { $date }, { $time } uur
# A p-value: below a thousandth as a bound, else with three decimals.
p_below = p < { $limit }
p_is = p = { $p }
