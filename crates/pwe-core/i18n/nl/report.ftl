# The research report and the participation report (pwe-analysis/src/report).
# Sentences around a figure are in pieces: the figure is markup that carries
# its summary value in both languages. Thresholds are arguments.

## The banner of simulated data.

report_simulated = Gesimuleerde gegevens: dit rapport toont geen antwoorden van bewoners, maar huishoudens die pwe simulate heeft bedacht.

## Figures that are not shown, tables and the language switch.

report_suppressed = afgeschermd
report_fewer_than = minder dan { $min }
report_suppressed_title = afgeschermd om kleine groepen te beschermen
report_language = Nederlands
report_table = Tabel

## The introduction and the method (markup, a paragraph each).

report_nothing_chosen = (niets gekozen)
report_responses = Antwoorden:
report_left_out = niet meegeteld:
report_seed = seed:
report_method = Werkwijze
report_households_gave_advice = huishoudens gaven advies
report_invited_households = van de uitgenodigde huishoudens
report_intro = Rapport van de Participatieve Waarde Evaluatie van { $organiser }.
report_method_pve = <p><strong>Wat is een PWE?</strong> In een Participatieve Waarde Evaluatie kiezen bewoners zelf een pakket maatregelen, zoals de gemeente dat moet doen: met de kosten en effecten van elke maatregel en de regels van het budget. Zo zien we niet alleen wat zij willen, maar ook wat zij ervoor willen opgeven, en waarom (hun toelichtingen).</p>
report_method_versions = <p><strong>Versies.</strong> Niet iedereen kreeg dezelfde prijzen of hetzelfde budget: huishoudens kregen bij toeval een van enkele versies. Daardoor kan het keuzemodel afleiden hoeveel een maatregel huishoudens waard is.</p>
report_method_weighting = <p><strong>Weging.</strong> Wie meedoet lijkt nooit precies op alle huishoudens. Met raking tellen deelnemers uit groepen die minder meededen zwaarder mee, tot de gewogen deelnemers per buurt, leeftijd en huishoudtype lijken op de bevolking (CBS). Voor andere verschillen kan weging niet corrigeren.</p>
report_method_model = <p><strong>Het keuzemodel.</strong> Een portfolio-logitmodel schat uit alle keuzes hoe zwaar elke maatregel weegt tegenover geld dat overblijft; de verhouding is de waarde in euro's, gemiddeld over de deelnemers.</p>
report_method_interval = <p><strong>Wat een interval zegt.</strong> Een 95%-interval geeft aan waar het echte aandeel onder alle huishoudens waarschijnlijk ligt, als de weging klopt: bij herhaling van dit onderzoek zou zo'n interval 95 van de 100 keer het echte aandeel bevatten. Het houdt rekening met toeval en met de weging (Korn–Graubard), niet met wie niet meedeed om andere redenen.</p>
report_method_rules = <p><strong>Regels voor de cijfers.</strong> Antwoorden die een regel van hun versie breken tellen niet mee. Een aandeel wordt niet getoond als minder dan { $min } huishoudens het wel of minder dan { $min } het niet kozen (ook 0% en 100%), en evenmin een aandeel waaruit zo'n verborgen aandeel terug te rekenen zou zijn; beide staan er als "afgeschermd". Aandelen zijn afgerond op een tiende procent.</p>

## The summary: conclusions by fixed rules, and the caveats.

report_groups_differ_little = Groepen verschillen weinig: geen optie verschilt { $points } procentpunt of meer tussen groepen.
report_to = tot
report_of_the = van de
report_invited_households_gave_advice = uitgenodigde huishoudens gaven advies:
report_responses_could_not_weighted = De antwoorden konden niet gewogen worden
report_participation_label = Deelname.
report_r_indicator = R-indicator
report_r_indicator_meaning = 1 is gelijke deelname van alle groepen; zie Representativiteit
report_one_of = één van
report_or = of
report_together = — samen
report_majority_advises_lower_end_95 = Een meerderheid adviseert (ondergrens van het 95%-interval boven 50%):
report_split_interval_includes_50 = Verdeeld (het interval omvat 50%):
report_minority_advises_upper_end_below = Een minderheid adviseert (bovengrens onder 50%):
report_advice_label = Advies.
report_among = bij
report_groups_differ = Groepen verschillen.
report_value_label = Waarde.
report_measured_euros_budget_household_average = Gemeten in euro's budget die een huishouden gemiddeld even zwaar laat wegen als de optie, waardeert het keuzemodel het hoogst:
report_rather_not_even_no_cost = Liever niet, ook zonder kosten:
report_too_uncertain_read_number = Te onzeker om als getal te lezen:
report_caveat_self_selection = Dit is het advies van wie meedeed. De weging corrigeert voor buurt, leeftijd en huishouden, niet voor andere verschillen tussen wie wel en niet meedeed (bijvoorbeeld hoe sterk iemand bij parkeren betrokken is).
report_caveat_excluded = antwoorden braken een regel van hun versie en tellen niet mee.
report_caveat_model_problems = Het keuzemodel meldt problemen: zijn waarden in euro's zijn niet te lezen (zie Wat is een optie waard?).
report_caveat_no_segments = Er is geen bewijs voor groepen bewoners met duidelijk verschillende voorkeuren.
report_caveats = Kanttekeningen
report_summary = Samenvatting
report_groups_differ_rule = De grootste verschillen van { $points } procentpunt of meer tussen groepen van minstens { $min } huishoudens:
report_participation_verdict = { $verdict ->
    [no_sign] Wie meededen wijken niet aantoonbaar af van alle huishoudens
    [small] Wie meededen lijken goed op alle huishoudens
    [moderate] Wie meededen wijken matig af van alle huishoudens
   *[large] Wie meededen wijken sterk af van alle huishoudens
}

## Participation and representativeness.

report_large_weights = {" "}{ $n ->
    [one] { $n } deelnemer telt
   *[other] { $n } deelnemers tellen
} voor meer dan { $times } keer het gemiddelde gewicht: de cijfers leunen op { $n ->
    [one] zijn of haar antwoord
   *[other] hun antwoord
}.
report_buurt = Buurt
report_invited = Uitgenodigd
report_started = Begonnen
report_submitted = Ingediend
report_response_rate = Respons
report_where_did_households_stop = Waar haakten huishoudens af?
report_stopped = Gestopt
report_number = Aantal
report_share = Aandeel
report_r_indicator_is = De R-indicator is{" "}
report_interval_95_of = 95%-interval{" "}
report_to_spaced = {" "}tot{" "}
report_r_indicator_corrected = , gecorrigeerd voor toeval in de geschatte deelnamekansen. Zonder weging kan een gemiddelde daardoor hooguit{" "}
report_category = Categorie
report_respondents_pct = Deelnemers %
report_population_pct = Bevolking %
report_weighted_pct = Gewogen %
report_partial_r = Partiële R
report_test_respondents_against_all_invited = Toets van deelnemers tegen alle uitgenodigde huishoudens: chi-kwadraat
report_partial_r_indicator_variable = partiële R-indicator van de variabele:
report_missing_respondents = deelnemers (
report_missing_rest = %) gaven dit niet op; zij tellen niet mee in de percentages en de toets.
report_its_population_figures_count_persons = De bevolkingscijfers hiervan tellen personen, niet huishoudens: alleen de verdeling wordt vergeleken, en een groep kan mensen bevatten die geen deelnemer vertegenwoordigt (zoals 15- tot 18-jarigen in de jongste leeftijdsgroep).
report_participation = Deelname
report_how_many_households_per_buurt = Hoeveel huishoudens per buurt een code kregen, begonnen en hun advies indienden. Het responspercentage is het aandeel uitgenodigde huishoudens dat advies gaf.
report_households_started_but_did_not = Huishoudens die begonnen maar niet indienden, naar de laatste stap die zij opsloegen; als aandeel van alle begonnen huishoudens.
report_representativeness = Representativiteit
report_who_took_part_compared_all = Wie deed mee, vergeleken met alle huishoudens? Groepen die minder meededen tellen in de gewogen cijfers zwaarder mee, zodat de uitkomst meer lijkt op wat alle huishoudens zouden adviseren. Dat lukt alleen voor kenmerken die we van de hele bevolking kennen (buurt, leeftijd, huishouden).
report_share_per_category_respondents_population = Aandeel per categorie: deelnemers, bevolking en deelnemers na weging.
report_r_indicator_1_everyone_took = R-indicator (1 = elke groep deed even vaak mee)
report_largest_possible_bias_standard_deviations = grootst mogelijke vertekening (in standaarddeviaties)
report_design_effect_weights = designeffect van de weging
report_effective_sample_size = effectieve steekproefomvang
report_bias_thresholds = {" "}standaarddeviatie afwijken (klein onder { $small }, groot vanaf { $large }). De weging corrigeert voor buurt, leeftijd en huishouden, niet voor andere verschillen tussen wie wel en wie niet meedeed.
report_channels = Zo kwamen de adviezen binnen: { $list }.
report_not_weighted = De antwoorden konden niet gewogen worden: { $problem }. Alle cijfers zijn ongewogen.
report_verdict_selective = Oordeel: de deelname was { $degree } selectief.
report_legend_respondents = Deelnemers
report_legend_population = Bevolking
report_legend_weighted = Gewogen

## Option shares, shares per buurt and group, spend and portfolios.

report_option = Optie
report_portfolio = Pakket
report_value = Waarde
report_interval_95 = 95%-interval
report_unweighted = Ongewogen
report_weighted = Gewogen
report_per_buurt = Per buurt
report_per_group_households = Per groep van huishoudens
report_mean_spend = Gemiddelde uitgaven
report_mean_share_budget = Gemiddeld deel van het budget
report_spent_more_than_budget_tax = Gaven meer uit dan het budget (de belasting stijgt dan)
report_spent_less_than_budget_rules = Gaven minder uit dan het budget (de rest gaat volgens de regels terug als lagere belasting; dat hoeft geen wens om de belasting te verlagen te zijn)
report_spend_measure = Maat
report_households_col = Huishoudens
report_which_options_did_households_choose = Welke opties kozen huishoudens?
report_weighted_share_households_included_option = Het gewogen aandeel huishoudens dat een optie in hun advies opnam, met een 95%-betrouwbaarheidsinterval (de streep): bij herhaling van de raadpleging valt het echte aandeel in 95 van de 100 keer binnen zo'n interval.
report_budget = Budget
report_every_counted_advice_meets_targets = Elk meegeteld advies haalt de doelen: de regels vragen dat, en adviezen die een regel breken tellen niet mee.
report_most_chosen_portfolios = De meest gekozen pakketten
report_weighted_share_per_option_95 = Gewogen aandeel per optie met 95%-interval (Korn–Graubard), van vaakst tot minst vaak gekozen.
report_buurt_option_weighted_share_percent = Buurt × optie: gewogen aandeel in procenten.
report_options_which_household_could_choose = Opties waarvan een huishouden er maar één kon kiezen, als één balk: samen en per optie (gewogen).
report_none_of_these = geen van deze
report_together_share = Samen { $share }
report_spend_explain = Hoeveel huishoudens gemiddeld uitgaven en welk deel van het budget zij gebruikten ({ $weighted ->
    [yes] gewogen, zoals de aandelen
   *[no] ongewogen: de antwoorden konden niet gewogen worden
}).
report_per_buurt_explain = Gewogen aandeel per buurt en optie, in procenten; hoe donkerder, hoe vaker gekozen. Een aandeel dat iets zou zeggen over minder dan { $min } huishoudens tonen we niet, en evenmin een aandeel waaruit het terug te rekenen zou zijn (afgeschermd: een grijs vak).
report_per_group_explain = Gewogen aandeel per antwoord op de achtergrondvragen. Een aandeel dat iets zou zeggen over minder dan { $min } huishoudens tonen we niet, en evenmin een aandeel waaruit het terug te rekenen zou zijn (afgeschermd: een grijs vak).
report_portfolios_explain = Combinaties van opties die precies zo door meerdere huishoudens werden gekozen (alleen pakketten van minstens { $min } huishoudens).

## How participants judged the consultation.

report_question = Vraag
report_how_did_participants_judge_consultation = Hoe beoordeelden deelnemers de raadpleging?
report_weighted_mean = Gewogen gemiddelde
report_weighted_mean_grade = Gewogen gemiddeld cijfer:
report_answers_statements_from_strongly_disagree = De antwoorden op de stellingen (van helemaal oneens tot helemaal eens) en het rapportcijfer, gewogen, geordend naar de onderzoeksvragen van de gemeente.
report_statements_suppressed = Niet in de figuur, omdat een van de antwoorden door minder dan { $min } huishoudens is gegeven of een ander daardoor af te leiden zou zijn (afgeschermd): { $statements }. Hun gemiddelde staat in de tabel.
report_weighted_distribution_answers_per_statement = Gewogen verdeling van de antwoorden per stelling.
report_research_question_n = Onderzoeksvraag { $rq }
report_weighted_distribution_grades = Gewogen verdeling van de cijfers.

## The choice model: money values, fit, parameters and segments.

report_predicted_chosen = Voorspeld en gekozen
report_chosen = Gekozen
report_predicted = Voorspeld
report_portfolio_highest_expected_utility = Het pakket met het hoogste verwachte nut
report_version = Versie
report_cost = Kosten
report_p_robust = p (robuust)
report_all_parameters_researchers = Alle parameters (voor onderzoekers)
report_parameter = Parameter
report_estimate = Schatting
report_robust_se = robuuste se
report_money_term_budget = delta0: per { $unit } budget dat niet wordt uitgegeven
report_money_term_tax = delta0: per € 1 minder lasten per huishouden per jaar
report_money_term_none = geen geldterm in het model
report_log_likelihood = Log-likelihood
report_largest_gradient = grootste gradiënt:
report_not_used_search_did_not = niet gebruikt: de zoektocht eindigde niet in een maximum
report_not_used_saddle_point_or = niet gebruikt: een zadelpunt of vlakke richting, geen maximum
report_maximum = een maximum
report_number_groups = Aantal groepen
report_fit = Fit
report_group = Groep
report_values_most = Waardeert het meest
report_note_model_reports_problems_make = Let op: het model meldt problemen die de schattingen onbetrouwbaar maken (in het Engels):
report_too_uncertain = te onzeker
report_note = Let op
report_what_option_worth = Wat is een optie waard?
report_choice_model_could_not_estimated = Het keuzemodel kon op deze gegevens niet worden geschat. De redenen (in het Engels):
report_choice_model_infers_from_all = Het keuzemodel leidt uit alle adviezen samen af hoeveel huishoudens een optie waard vinden, rekening houdend met wat die optie kost en wat er dan overblijft. De waarde in euro's is het bedrag aan budget dat huishoudens gemiddeld even zwaar laten wegen als de optie zelf: het gemiddelde over alle deelnemers, met hun eigen kenmerken (zoals autobezit en leeftijd) meegeteld. Hoe hoger, hoe liever; een negatieve waarde betekent dat huishoudens de optie liever niet hebben, ook als die niets kost.
report_how_well_model_describes_choices = Hoe goed het model de keuzes beschrijft: het aandeel huishoudens dat een optie koos en het aandeel dat het model voorspelt.
report_groups_think_alike = Groepen die op elkaar lijken
report_there_no_evidence_distinct_groups = Er is geen aanwijzing voor afzonderlijke groepen: één groep (het gewone model) past het best, of de modellen met meer groepen vonden geen echt maximum. De uitkomsten hierboven gelden voor alle huishoudens samen.
report_model_looks_groups_households_make = Het model zoekt groepen huishoudens die dezelfde afwegingen maken. Het aantal groepen is gekozen met het BIC-criterium; per groep staat hoe groot zij is en welke opties zij het meest waarderen.
report_too_uncertain_standard_error_more = Te onzeker: de standaardfout is meer dan de helft van de waarde, zodat het interval tot voorbij nul reikt. Intervallen gebruiken robuuste standaardfouten als de antwoorden gewogen zijn.
report_value_per_option_average_household = Waarde per optie voor een gemiddeld huishouden, met 95%-interval; lichte balken zijn te onzeker om als getal te lezen.
report_fit_collapses = niet gebruikt: een groep valt weg (minder dan { $share })

## The arguments: themes, quotes and coder agreement.

report_motivations = Toelichtingen:
report_without_recognised_value = zonder herkende waarde:
report_stance = Houding
report_for = voor
report_against = tegen
report_quotes_per_option = Citaten per optie
report_agreement_between_coders_cohen_s = Overeenstemming tussen codeurs (Cohens kappa)
report_coders = Codeurs
report_mean_kappa = Gemiddelde kappa
report_distinctive_words = Kenmerkende woorden:
report_why_arguments = Waarom? De argumenten
report_data_hold_no_motivations_free = De gegevens bevatten geen toelichtingen (vrije tekst is alleen op verzoek in de export opgenomen).
report_every_choice_households_could_explain = Bij elke keuze konden huishoudens uitleggen waarom zij een optie wel (voor) of niet (tegen) kozen. Per optie staat welk aandeel van die toelichtingen een waarde noemt, zoals bereikbaarheid of kosten, met enkele citaten (persoonsgegevens weggelaten).

## The participation report (participatierapportage).

report_why_for = waarom wel
report_why_against = waarom niet
report_explanations = toelichtingen
report_residents_arguments_personal_data_removed = Argumenten van bewoners (persoonsgegevens verwijderd)
report_decided = Besloten op
report_by_the = door de
report_measure = Maatregel
report_advice_95_interval = Advies (95%-interval)
report_decision = Besluit
report_why = Waarom
report_statement = Stelling
report_mean = Gemiddelde
report_no_evaluation_question_consultation_belongs = Geen evaluatievraag van de raadpleging hoort bij deze onderzoeksvraag.
report_means = Gemiddelden
report_turnout_how_many_households_took = Opkomst: hoeveel huishoudens deden mee?
report_households = huishoudens
report_why_others_did_not_take = Waarom anderen niet meededen: van niet-deelnemers is alleen de buurt bekend.
report_representativeness_do_participants_resemble_all = Representativiteit: lijken deelnemers op alle huishoudens?
report_largest_possible_bias = grootst mogelijke vertekening
report_only_buurt_age_household_not = Alleen voor buurt, leeftijd en huishouden; niet voor bijvoorbeeld inkomen, opleiding of betrokkenheid bij het onderwerp.
report_sufficient_opportunity_take_part = Voldoende gelegenheid om mee te doen?
report_only_judgement_those_who_took = Alleen het oordeel van wie meedeed; wie geen gelegenheid had, vulde de vragen ook niet in.
report_meaningful_opportunity = Een betekenisvolle gelegenheid?
report_judgement_selected_group_participants_officials = De beoordeling door een geselecteerde groep deelnemers en door de betrokken ambtenaren zit niet in deze gegevens (de vervolgmeting).
report_trust_support = Vertrouwen en draagvlak?
report_measured_before_decision_whether_trust = Gemeten vóór het besluit; of het vertrouwen na het besluit groeide, kan alleen een vervolgmeting zeggen.
report_research_question = Onderzoeksvraag
report_what_data_say = Wat de gegevens zeggen
report_what_they_cannot_say = Wat ze niet kunnen zeggen
report_what_did_we_ask_why = Wat vroegen we, en waarom?
report_participation_level = Participatieniveau
report_who_took_part = Wie deden mee?
report_what_did_residents_advise_why = Wat adviseerden bewoners, en waarom?
report_motivations_not_part_analysis_without = De toelichtingen zijn niet in deze analyse opgenomen (zonder --free-text of zonder codeboek); daarom staan hier geen argumenten.
report_what_did_council_decide_why = Wat besloot de raad, en waarom?
report_council_has_not_decided_yet = De raad heeft nog niet besloten. Zodra het besluit er is, komt het hier en op de uitkomstenpagina, per maatregel naast het advies.
report_weighted_mean_per_statement_from = Gewogen gemiddelde per stelling, van 1 (helemaal oneens) tot 5 (helemaal eens); het rapportcijfer van 0 tot 10.
report_evaluation_method_actie = Evaluatie van de methode (ACTIE)
report_what_happens_next = Wat gebeurt er nu?
report_no_steps_known_yet_municipality = Nog geen stappen bekend. De gemeente houdt deelnemers op de uitkomstenpagina op de hoogte.
report_results_page_keeps_these_steps = De uitkomstenpagina houdt deze stappen bij.
report_level = { $level ->
    [raadplegen] Raadplegen: bewoners geven advies, de gemeenteraad beslist. De raad legt hieronder per maatregel uit wat hij met het advies deed.
    [adviseren] Adviseren: bewoners adviseren; de raad wijkt alleen met redenen van het advies af.
    [informeren] Informeren: bewoners worden geïnformeerd.
    [coproduceren] Coproduceren: bewoners en gemeente ontwerpen samen.
   *[meebeslissen] Meebeslissen: bewoners beslissen mee.
}
report_participation_title = Participatierapportage: { $title }
report_asked = { $organiser } vroeg huishoudens om advies: welke maatregelen zou u nemen, binnen het budget en de regels, en waarom? Iedereen koos uit dezelfde maatregelen, met hun kosten en effecten:
