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
decision_later = To be decided later
step_planned = planned
step_in_progress = in progress
step_done = done
# How selective taking part was as a whole ("taking part was … selective").
response_verdict = { $verdict ->
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
