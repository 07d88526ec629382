# The research report and the participation report (pwe-analysis/src/report).
# Sentences around a figure are in pieces: the figure is markup that carries
# its summary value in both languages. Thresholds are arguments.

## The banner of simulated data.

report_simulated = Simulated data: this report shows no residents' answers, but households made up by pwe simulate.

## Figures that are not shown, tables and the language switch.

report_suppressed = suppressed
report_fewer_than = fewer than { $min }
report_suppressed_title = suppressed to protect small groups
report_language = English
report_table = Table

## The introduction and the method (markup, a paragraph each).

report_nothing_chosen = (nothing chosen)
report_responses = Responses:
report_left_out = left out:
report_seed = seed:
report_method = Method
report_households_gave_advice = households gave advice
report_invited_households = of the invited households
report_intro = Report of the Participatory Value Evaluation by { $organiser }.
report_method_pve = <p><strong>What is a PVE?</strong> In a Participatory Value Evaluation residents choose a package of measures themselves, as the municipality must: with each measure's costs and effects and the rules of the budget. So we see not only what they want but also what they would give up for it, and why (their motivations).</p>
report_method_versions = <p><strong>Versions.</strong> Not everyone saw the same prices or budget: households were assigned one of a few versions at random. That is what lets the choice model infer how much a measure is worth to households.</p>
report_method_weighting = <p><strong>Weighting.</strong> Those who take part never quite resemble all households. Raking gives respondents from groups that took part less more weight, until the weighted respondents resemble the population (CBS) by buurt, age and household type. Weighting cannot correct for other differences.</p>
report_method_model = <p><strong>The choice model.</strong> A portfolio logit estimates from all choices how much each measure weighs against money left over; the ratio is the value in euros, averaged over the respondents.</p>
report_method_interval = <p><strong>What an interval says.</strong> A 95% interval shows where the true share among all households probably lies, if the weighting is right: were this study repeated, such an interval would hold the true share 95 times in 100. It accounts for chance and for the weighting (Korn–Graubard), not for who stayed away for other reasons.</p>
report_method_rules = <p><strong>Rules for the figures.</strong> Responses that break a rule of their version are not counted. A share is not shown when fewer than { $min } households chose it or fewer than { $min } did not (0% and 100% included), nor a share from which such a hidden share could be worked out; both read "suppressed". Shares are rounded to a tenth of a percent.</p>

## The summary: conclusions by fixed rules, and the caveats.

report_groups_differ_little = Groups differ little: no option differs by { $points } percentage points or more between groups.
report_to = to
report_of_the = of the
report_invited_households_gave_advice = invited households gave advice:
report_responses_could_not_weighted = The responses could not be weighted
report_participation_label = Participation.
report_r_indicator = R-indicator
report_r_indicator_meaning = 1 is equal participation of every group; see Representativeness
report_one_of = one of
report_or = or
report_together = — together
report_majority_advises_lower_end_95 = A majority advises (lower end of the 95% interval above 50%):
report_split_interval_includes_50 = Split (the interval includes 50%):
report_minority_advises_upper_end_below = A minority advises (upper end below 50%):
report_advice_label = Advice.
report_among = among
report_groups_differ = Groups differ.
report_value_label = Value.
report_measured_euros_budget_household_average = Measured in euros of budget that a household on average weighs as heavily as the option, the choice model values most highly:
report_rather_not_even_no_cost = Rather not, even at no cost:
report_too_uncertain_read_number = Too uncertain to read as a number:
report_caveat_self_selection = This is the advice of those who took part. The weighting corrects for buurt, age and household, not for other differences between who did and did not take part (for instance how strongly someone cares about parking).
report_caveat_excluded = responses broke a rule of their version and are not counted.
report_caveat_model_problems = The choice model reports problems: its values in euros should not be read (see What is an option worth?).
report_caveat_no_segments = There is no evidence of groups of residents with clearly different preferences.
report_caveats = Caveats
report_summary = Summary
report_groups_differ_rule = The largest differences of { $points } percentage points or more between groups of at least { $min } households:
report_participation_verdict = { $verdict ->
    [no_sign] Those who took part do not demonstrably differ from all households
    [small] Those who took part resemble all households well
    [moderate] Those who took part differ moderately from all households
   *[large] Those who took part differ strongly from all households
}

## Participation and representativeness.

report_large_weights = {" "}{ $n ->
    [one] { $n } respondent counts
   *[other] { $n } respondents count
} for more than { $times } times the mean weight: the figures lean on { $n ->
    [one] their answer
   *[other] their answers
}.
report_buurt = Buurt
report_invited = Invited
report_started = Started
report_submitted = Submitted
report_response_rate = Response rate
report_where_did_households_stop = Where did households stop?
report_stopped = Stopped
report_number = Number
report_share = Share
report_r_indicator_is = The R-indicator is{" "}
report_interval_95_of = 95% interval{" "}
report_to_spaced = {" "}to{" "}
report_r_indicator_corrected = , corrected for chance in the estimated response propensities. Unweighted, a mean can therefore be off by at most{" "}
report_category = Category
report_respondents_pct = Respondents %
report_population_pct = Population %
report_weighted_pct = Weighted %
report_partial_r = Partial R
report_test_respondents_against_all_invited = Test of respondents against all invited households: chi-square
report_partial_r_indicator_variable = partial R-indicator of the variable:
report_missing_respondents = respondents (
report_missing_rest = %) did not say; they are left out of the percentages and the test.
report_its_population_figures_count_persons = Its population figures count persons, not households: only the composition is compared, and a group can hold people no respondent stands for (such as 15 to 17 year-olds in the youngest age group).
report_participation = Participation
report_how_many_households_per_buurt = How many households per buurt received a code, started and submitted their advice. The response rate is the share of invited households that gave advice.
report_households_started_but_did_not = Households that started but did not submit, by the last step they saved; as a share of all households that started.
report_representativeness = Representativeness
report_who_took_part_compared_all = Who took part, compared with all households? Groups that took part less count more in the weighted figures, so that the outcome resembles what all households would advise. This works only for characteristics known for the whole population (buurt, age, household).
report_share_per_category_respondents_population = Share per category: respondents, population, and respondents after weighting.
report_r_indicator_1_everyone_took = R-indicator (1 = every group took part equally often)
report_largest_possible_bias_standard_deviations = largest possible bias (in standard deviations)
report_design_effect_weights = design effect of the weights
report_effective_sample_size = effective sample size
report_bias_thresholds = {" "}standard deviations (small below { $small }, large from { $large }). The weighting corrects for buurt, age and household, not for other differences between who took part and who did not.
report_channels = How the advice came in: { $list }.
report_not_weighted = The responses could not be weighted: { $problem }. All figures are unweighted.
report_verdict_selective = Verdict: taking part was { $degree } selective.
report_legend_respondents = Respondents
report_legend_population = Population
report_legend_weighted = Weighted

## Option shares, shares per buurt and group, spend and portfolios.

report_option = Option
report_portfolio = Portfolio
report_value = Value
report_interval_95 = 95% interval
report_unweighted = Unweighted
report_weighted = Weighted
report_per_buurt = Per buurt
report_per_group_households = Per group of households
report_mean_spend = Mean spend
report_mean_share_budget = Mean share of the budget
report_spent_more_than_budget_tax = Spent more than the budget (the tax then rises)
report_spent_less_than_budget_rules = Spent less than the budget (by the rules the rest returns as lower tax; this need not be a wish to lower the tax)
report_spend_measure = Measure
report_households_col = Households
report_which_options_did_households_choose = Which options did households choose?
report_weighted_share_households_included_option = The weighted share of households that included an option in their advice, with a 95% confidence interval (the whisker): if the consultation were repeated, the true share would fall within such an interval 95 times out of 100.
report_budget = Budget
report_every_counted_advice_meets_targets = Every counted advice meets the targets: the rules require it, and advice that breaks a rule is not counted.
report_most_chosen_portfolios = The most chosen portfolios
report_weighted_share_per_option_95 = Weighted share per option with 95% interval (Korn–Graubard), from most to least chosen.
report_buurt_option_weighted_share_percent = Buurt × option: weighted share in percent.
report_options_which_household_could_choose = Options of which a household could choose only one, as one bar: together and per option (weighted).
report_none_of_these = none of these
report_together_share = Together { $share }
report_spend_explain = How much households spent on average and which part of the budget they used ({ $weighted ->
    [yes] weighted, as the shares are
   *[no] unweighted: the responses could not be weighted
}).
report_per_buurt_explain = Weighted share per buurt and option, in percent; the darker, the more often chosen. A share that would tell something about fewer than { $min } households is not shown, nor one from which it could be worked out (suppressed: a grey cell).
report_per_group_explain = Weighted share per answer to the background questions. A share that would tell something about fewer than { $min } households is not shown, nor one from which it could be worked out (suppressed: a grey cell).
report_portfolios_explain = Combinations of options chosen exactly like this by several households (only portfolios of at least { $min } households).

## How participants judged the consultation.

report_question = Question
report_how_did_participants_judge_consultation = How did participants judge the consultation?
report_weighted_mean = Weighted mean
report_weighted_mean_grade = Weighted mean grade:
report_answers_statements_from_strongly_disagree = The answers to the statements (from strongly disagree to strongly agree) and the grade, weighted, ordered by the municipality's research questions.
report_statements_suppressed = Not in the chart, because one of the answers was given by fewer than { $min } households or another would give it away (suppressed): { $statements }. Their mean is in the table.
report_weighted_distribution_answers_per_statement = Weighted distribution of the answers per statement.
report_research_question_n = Research question { $rq }
report_weighted_distribution_grades = Weighted distribution of the grades.

## The choice model: money values, fit, parameters and segments.

report_predicted_chosen = Predicted and chosen
report_chosen = Chosen
report_predicted = Predicted
report_portfolio_highest_expected_utility = The portfolio with the highest expected utility
report_version = Version
report_cost = Cost
report_p_robust = p (robust)
report_all_parameters_researchers = All parameters (for researchers)
report_parameter = Parameter
report_estimate = Estimate
report_robust_se = robust se
report_money_term_budget = delta0: per { $unit } of budget left unspent
report_money_term_tax = delta0: per €1 lower charges per household per year
report_money_term_none = no money term in the model
report_log_likelihood = Log-likelihood
report_largest_gradient = largest gradient:
report_not_used_search_did_not = not used: the search did not end at a maximum
report_not_used_saddle_point_or = not used: a saddle point or a flat direction, not a maximum
report_maximum = a maximum
report_number_groups = Number of groups
report_fit = Fit
report_group = Group
report_values_most = Values most
report_note_model_reports_problems_make = Note: the model reports problems that make its estimates unreliable:
report_too_uncertain = too uncertain
report_note = Note
report_what_option_worth = What is an option worth?
report_choice_model_could_not_estimated = The choice model could not be estimated on these data. The reasons:
report_choice_model_infers_from_all = The choice model infers from all advice together how much households value an option, taking into account what the option costs and what is then left. The value in euros is the amount of budget that households on average weigh as heavily as the option itself: the mean over all respondents, with their own characteristics (such as car ownership and age) taken into account. The higher, the more preferred; a negative value means households would rather not have the option, even at no cost.
report_how_well_model_describes_choices = How well the model describes the choices: the share of households that chose an option and the share the model predicts.
report_groups_think_alike = Groups that think alike
report_there_no_evidence_distinct_groups = There is no evidence of distinct groups: one group (the plain model) fits best, or the models with more groups found no true maximum. The results above hold for all households together.
report_model_looks_groups_households_make = The model looks for groups of households that make the same trade-offs. The number of groups was chosen by the BIC criterion; per group it shows its size and which options it values most.
report_too_uncertain_standard_error_more = Too uncertain: the standard error is more than half the value, so the interval reaches past zero. Intervals use robust standard errors when the responses are weighted.
report_value_per_option_average_household = Value per option for an average household, with 95% interval; pale bars are too uncertain to read as a number.
report_fit_collapses = not used: a group collapses (under { $share })

## The arguments: themes, quotes and coder agreement.

report_motivations = Motivations:
report_without_recognised_value = without a recognised value:
report_stance = Stance
report_for = for
report_against = against
report_quotes_per_option = Quotes per option
report_agreement_between_coders_cohen_s = Agreement between coders (Cohen's kappa)
report_coders = Coders
report_mean_kappa = Mean kappa
report_distinctive_words = Distinctive words:
report_why_arguments = Why? The arguments
report_data_hold_no_motivations_free = The data hold no motivations (free text is only in the export when asked for).
report_every_choice_households_could_explain = With every choice households could explain why they did (for) or did not (against) choose an option. Per option it shows which share of those explanations names a value, such as accessibility or costs, with a few quotes (personal data removed).

## The participation report (participatierapportage).

report_why_for = why for
report_why_against = why against
report_explanations = explanations
report_residents_arguments_personal_data_removed = Residents' arguments (personal data removed)
report_decided = Decided on
report_by_the = by the
report_measure = Measure
report_advice_95_interval = Advice (95% interval)
report_decision = Decision
report_why = Why
report_statement = Statement
report_mean = Mean
report_no_evaluation_question_consultation_belongs = No evaluation question of the consultation belongs to this research question.
report_means = Means
report_turnout_how_many_households_took = Turnout: how many households took part?
report_households = households
report_why_others_did_not_take = Why others did not take part: of non-participants only the buurt is known.
report_representativeness_do_participants_resemble_all = Representativeness: do participants resemble all households?
report_largest_possible_bias = largest possible bias
report_only_buurt_age_household_not = Only for buurt, age and household; not for, say, income, education or involvement in the subject.
report_sufficient_opportunity_take_part = Sufficient opportunity to take part?
report_only_judgement_those_who_took = Only the judgement of those who took part; those without the opportunity did not answer either.
report_meaningful_opportunity = A meaningful opportunity?
report_judgement_selected_group_participants_officials = The judgement of a selected group of participants and of the officials involved is not in these data (the follow-up).
report_trust_support = Trust and support?
report_measured_before_decision_whether_trust = Measured before the decision; whether trust grew after it only a follow-up can say.
report_research_question = Research question
report_what_data_say = What the data say
report_what_they_cannot_say = What they cannot say
report_what_did_we_ask_why = What did we ask, and why?
report_participation_level = Participation level
report_who_took_part = Who took part?
report_what_did_residents_advise_why = What did residents advise, and why?
report_motivations_not_part_analysis_without = The motivations are not part of this analysis (without --free-text or without a codebook); so no arguments are shown here.
report_what_did_council_decide_why = What did the council decide, and why?
report_council_has_not_decided_yet = The council has not decided yet. Once it has, the decision appears here and on the results page, per measure beside the advice.
report_weighted_mean_per_statement_from = Weighted mean per statement, from 1 (strongly disagree) to 5 (strongly agree); the grade from 0 to 10.
report_evaluation_method_actie = Evaluation of the method (ACTIE)
report_what_happens_next = What happens next?
report_no_steps_known_yet_municipality = No steps known yet. The municipality keeps participants informed on the results page.
report_results_page_keeps_these_steps = The results page keeps these steps up to date.
report_level = { $level ->
    [raadplegen] Consulting (raadplegen): residents advise, the council decides. Below, the council explains per measure what it did with the advice.
    [adviseren] Advising (adviseren): residents advise; the council departs from the advice only with reasons.
    [informeren] Informing (informeren): residents are informed.
    [coproduceren] Co-producing (coproduceren): residents and the municipality design together.
   *[meebeslissen] Co-deciding (meebeslissen): residents decide.
}
report_participation_title = Participation report: { $title }
report_asked = { $organiser } asked households for advice: which measures would you take, within the budget and the rules, and why? Everyone chose from the same measures, with their costs and effects:
