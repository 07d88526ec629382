# The pages a resident and the public read (pwe-service templates).

skip = Skip to content
language = Nederlands
language_code = nl
code_label = Your code (in your letter)
code_hint = For example K7QM-3XRT-9HC. Capitals, spaces and dashes do not matter.
start = Start
next = Next
back = Previous
save_next = Save and continue
step = Step
of = of
choice_title = Your advice
choose = Choose
not_chosen = Do not choose
cost = Cost
raises = Raises
effects = Effects
more_info = More information
meter = Budget
spent = Spent
remaining = Left
budget = Budget
tax_change = Charges per household per year
motivation_title = Why?
motivation_intro = Explain your choices. Your arguments are exactly what helps the council.
characters_left = characters left
max_characters = At most
characters = characters
optional = (optional)
background_title = About your household
evaluation_title = What did you think of this consultation?
no_answer = No answer
confirm_title = Check your advice
confirm_intro = This is what you submit. Afterwards you cannot change anything.
your_choice = Your choice
submit = Submit advice
change = Change
thanks_title = Thank you!
thanks_intro = Your advice has been received.
receipt = Your receipt
receipt_hint = Keep this receipt. On the page 'Was my advice received?' (at the bottom of every page) you can check later that your advice was received.
next_steps = What happens next?
closed_title = The consultation is not open
already_title = Your household has already taken part
already_intro = Thank you! Your advice has already been submitted; each household can take part once.
errors_title = Something is not right yet
logout = Stop and continue later
logout_title = You can continue later
logout_intro = Your answers have been kept. Enter the code from your letter again to continue, while the consultation is open.
session_expired = Your session has expired. Enter your code again; your answers have been kept.
results_title = Results
results_intro = Per measure the share of households that chose it.
results_counted = { $n ->
    [one] { $n } household gave its advice.
   *[other] { $n } households gave their advice.
}
results_left_out = Not counted because they break a rule of the task: { $n } (paper forms, stored as they were filled in).
results_per_option = Per measure, the most chosen first
results_between = Of all households probably between { $low } and { $high }.
results_how_sure = How sure are these figures?
results_how_sure_text = Not every household took part. From the advice given, it follows with 95% certainty that the share among all households lies between the two figures given. The more households took part, the closer those figures are.
results_group = At most one of these { $n } measures
results_together = Together
results_group_chose = chose one of these measures.
council_title = What the council did with the advice
advice = Residents' advice
advice_chose = chose this measure.
decision = The council's decision
decided = Decided on { $date } by the { $body }
steps_title = Progress
decision_more = More about this decision
suppressed = Too few participants to show.
weighted_note = The shares are weighted to the make-up of the neighbourhoods (buurt, age, household), so that groups that took part less count as much as they do in reality.
unweighted_note = The shares are not weighted: they describe the participants, not necessarily all residents.
# After the close: where the outcome stands (landing, closed code, receipt check, thanks, results).
closed_ended_title = The consultation has closed
landing_closed = The consultation closed on { $closes }. Thank you to everyone who took part.
landing_code = Enter a code anyway
outcome_open = { $publish ->
    [at-close] From the close on { $closes } the results are on this website, and later what the council did with the advice.
   *[manual] After the close on { $closes } the municipality checks the results; then they are on this website, and later what the council did with the advice.
}
outcome_checking = The municipality is checking the results and will put them on this website as soon as possible; later also what the council did with the advice.
outcome_published = The results are on this website. The council has not yet said what it does with the advice.
outcome_answered = The results are on this website. On { $date } the council decided what it does with the advice: per measure, with the reason.
outcome_see_results = See the results
privacy = Privacy
entry_paper = Paper form of household
entry_assisted = Assisted answer for household
as_written = This paper form breaks a rule. It is recorded as written: it counts in the participation, but not in the percentages per measure or the choice model (the report says how many such forms there are). Do not correct it.
organiser = Organiser
open_window = Open from { $opens } until { $closes }
error_prefix = Error
how_it_works = How it works
fits = Your choice meets every rule.
meter_more = Effects, targets and rules
meter_empty = You have not chosen anything yet. Here you always see what your choice costs and does.
target = Target
none_of_these = None of these
remove = Remove
meter_as_saved = As last saved or calculated (Recalculate shows your ticks as they are now):
meter_open = Not finished: { $n ->
    [one] one rule is
   *[other] { $n } rules are
} not met yet.
meter_problem = Your choice does not fit yet: { $n ->
    [one] one rule is
   *[other] { $n } rules are
} not met.
left_at_least = Still to spend at least
over_flexible = Over the budget, through the charges
too_much = Too much
meter_allowed = You may spend { $lower } to { $upper }; the budget is { $budget }.
meter_allowed_upper = You may spend at most { $upper }; the budget is { $budget }.
recalculate = Recalculate
left_to_spend = Left to spend
charge_up = You spend more than the budget: all households pay for it together through the municipal taxes (the charges). More than the amount shown is not possible.
charge_down = You spend less than the budget: the municipal taxes (the charges) go down for all households. More than the amount shown is not possible.
charge_same = You spend exactly the budget: the charges stay the same.
group_heading = Choose at most one of these
group_measures = measures
nothing_chosen = Nothing chosen
no_motivation = No explanation given
not_answered = Questions not answered
why_asked = Why do we ask this?
simulated_banner = Simulated data: this database was filled by pwe simulate. These are not residents' answers.
help_title = Need help?
help_none = Do you have a question? Contact the municipality.
phone = Call
email = e-mail
help_desk = Desk and opening hours
receipt_check_title = Was my advice received?
back_to_beheer = Back to the staff page (next entry)
receipt_check_intro = Enter the receipt you got after submitting. You then see whether and when advice with this receipt was received. Nobody sees here what you chose.
receipt_check_hint = For example 3F2A-91C0-77DE.
receipt_check_button = Check
receipt_found = Yes: advice with this receipt was received on
receipt_not_found = We find no advice with this receipt. Check that you copied it correctly. If it is correct, please contact us.
receipt_ended = The consultation has ended. To separate the answers from the households, every receipt has been erased: a receipt finds no advice any more, yours neither.
receipt_too_many = Too many receipts that do not exist were checked from here. Please try again later.
failure_title = Something went wrong
failure_kept = What you saved before has been kept.
to_start = To the start
not_found_title = This page does not exist
not_found_intro = Perhaps the address was copied wrongly. Start again from the start page; the code from your letter brings you back where you were.

# The check page and the motivation page (check your answers).
confirm_effects = Effects and targets
target_met = met
target_missed = not met
motivation_chosen = Measures you chose
motivation_not_chosen = Measures you did not choose ({ $n })
