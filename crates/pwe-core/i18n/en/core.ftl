# The words of pwe-core's types, wherever they are shown: pages, /beheer,
# letters, reports and the command line.

likert_1 = Strongly disagree
likert_2 = Disagree
likert_3 = Neutral
likert_4 = Agree
likert_5 = Strongly agree
decision_adopted = Adopted
decision_partly = Partly adopted
decision_not_adopted = Not adopted
decision_later = Decision to follow
step_planned = planned
step_in_progress = in progress
step_done = done
# How selective taking part was as a whole ("taking part was … selective").
response_verdict = { $verdict ->
    [no_sign] not demonstrably
    [small] little
    [moderate] moderately
   *[large] strongly
}
# How the respondents compare with the population on one characteristic, in
# a few words (for a list) and in a sentence with its threshold.
margin_verdict = { $verdict ->
    [alike] resembles the population
    [small_difference] small difference
    [corrected] difference, corrected by the weighting
   *[uncorrected] difference the weighting does not correct
}
margin_verdict_sentence = { $verdict ->
    [alike] Respondents resemble the population: the difference is no larger than chance (p ≥ { $alpha }).
    [small_difference] There is a difference beyond chance, but it is small (every standardised difference below { $small }).
    [corrected] Respondents differ from the population; the weighting corrects it (after weighting every standardised difference below { $small }).
   *[uncorrected] Respondents differ from the population and the weighting does not correct it.
}

## The rules of the choice task (pwe_core::explain), before the task and in the meter.
target_not_up = must not go up
target_not_down = must not go down
target_down_at_least = down by at least { $amount }
target_up_at_most = up by at most { $amount }
target_down_at_most = down by at most { $amount }
target_up_at_least = up by at least { $amount }
rules_flexible_over = You may spend up to { $over } more. All { $households } households in the municipality pay for that together through the municipal taxes (the charges): at most { $charge } per household per year, for { $years } years.
rules_flexible_under = You may also spend up to { $under } less; the charges then go down by at most { $charge } a year.
rules_choose_from = You choose from { $n } measures. Your budget is { $budget }.
rules_income = Some measures raise money, which you can spend on others.
rules_upper = You may not spend more than { $upper }.
rules_between = So you spend at least { $lower } and at most { $upper }.
rules_target = The municipality's target: { $effect } { $goal }.
rules_exclusive = You can choose only one of: { $options }.
rules_options_between = Choose at least { $min } and at most { $max } measures.
rules_options_at_least = Choose at least { $min } { $min ->
    [one] measure
   *[other] measures
}.
rules_options_at_most = Choose at most { $max } { $max ->
    [one] measure
   *[other] measures
}.

## A broken rule of the choice task (pwe_core::portfolio).
broken_budget = Your choice costs { $cost }; the budget is { $budget }. That is { $excess } too much.
broken_budget_flexible = Your choice costs { $cost }. You may spend at most { $upper }: the budget of { $budget } plus { $over } through the charges. That is { $excess } too much.
broken_min_spend = Your choice costs { $cost }; you must spend at least { $lower }. Choose measures for another { $short }.
broken_target = { $effect }: your choice comes to { $total }; the target is { $goal }.
broken_exclusive = You can choose only one of these measures: { $options }.
broken_max_options = You chose { $n } measures; the maximum is { $max }.
broken_min_options = You chose { $n } measures; choose at least { $min }.

## What mends a broken rule (pwe_core::fixes).
fix_remove = Remove one of these: { $options }.
fix_lower = Choose a lower level: { $options }.
fix_add = Add one of these: { $options }.
fix_swap = Choose { $option } instead of { $instead }.

## What is wrong with an answer (pwe_core::answers).
answer_unknown_option = There is no measure "{ $id }".
answer_duplicate_option = The measure "{ $id }" is named more than once.
answer_no_such_level = The measure "{ $id }" has no level { $level }; its levels are 0 to { $max }.
answer_wrong_length = Expected a level for each of the { $expected } measures, found { $found }.
answer_motivation_too_long = Your explanation is { $length } characters; the maximum is { $max }.
answer_motivation_missing = Please explain your choice on "{ $option }".
answer_unknown_question = There is no question "{ $id }".
answer_required = This question is required: { $question }
answer_too_long = Your answer is { $length } characters; the maximum is { $max }.
answer_not_a_choice = "{ $id }" is not one of the answers.
answer_number_range = Enter a number from { $min } to { $max }.
answer_expected = Expected: { $kind ->
    [one] one answer
    [list] a list of answers
    [whole] a whole number
    [likert] an answer from 1 to 5
    [grade] a grade from 0 to 10
   *[text] a text
}.

## How a response came in (pwe_core::channel) and where a household stopped
## (pwe_core::flow, the furthest step saved).
channel = { $channel ->
    [online] online
    [paper] on paper (entered by the municipality)
   *[assisted] with the municipality's help (phone or desk)
}
stopped_at = { $step ->
    [start] at the start
    [info] at the explanation
    [choice] at the choice
    [motivation] at the motivations
    [background] at the background questions
    [evaluation] at the evaluation
   *[confirm] at the confirmation
}
