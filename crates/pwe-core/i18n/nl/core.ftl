# The words of pwe-core's types, wherever they are shown: pages, /beheer,
# letters, reports and the command line.

likert_1 = Helemaal oneens
likert_2 = Oneens
likert_3 = Neutraal
likert_4 = Eens
likert_5 = Helemaal eens
decision_adopted = Overgenomen
decision_partly = Deels overgenomen
decision_not_adopted = Niet overgenomen
decision_later = Besluit volgt later
step_planned = gepland
step_in_progress = bezig
step_done = gedaan
# How selective taking part was as a whole ("de deelname was … selectief").
response_verdict = { $verdict ->
    [no_sign] niet aantoonbaar
    [small] weinig
    [moderate] matig
   *[large] sterk
}
# How the respondents compare with the population on one characteristic, in
# a few words (for a list) and in a sentence with its threshold.
margin_verdict = { $verdict ->
    [alike] lijkt op de bevolking
    [small_difference] klein verschil
    [corrected] verschil, gecorrigeerd door weging
   *[uncorrected] verschil dat weging niet corrigeert
}
margin_verdict_sentence = { $verdict ->
    [alike] Deelnemers lijken op de bevolking: het verschil is niet groter dan toeval (p ≥ { $alpha }).
    [small_difference] Er is een verschil groter dan toeval, maar het is klein (elk gestandaardiseerd verschil onder { $small }).
    [corrected] Deelnemers wijken af van de bevolking; de weging corrigeert dat (na weging elk gestandaardiseerd verschil onder { $small }).
   *[uncorrected] Deelnemers wijken af van de bevolking en de weging corrigeert dat niet.
}

## The rules of the choice task (pwe_core::explain), before the task and in the meter.
target_not_up = mag niet omhoog
target_not_down = mag niet omlaag
target_down_at_least = minstens { $amount } omlaag
target_up_at_most = hooguit { $amount } omhoog
target_down_at_most = hooguit { $amount } omlaag
target_up_at_least = minstens { $amount } omhoog
rules_flexible_over = U mag tot { $over } meer uitgeven. Dat betalen alle { $households } huishoudens in de gemeente samen via de gemeentelijke belastingen (de lasten): hooguit { $charge } per huishouden per jaar, { $years } jaar lang.
rules_flexible_under = U mag ook tot { $under } minder uitgeven; dan gaan de lasten hooguit { $charge } per jaar omlaag.
rules_choose_from = U kiest uit { $n } maatregelen. Uw budget is { $budget }.
rules_income = Sommige maatregelen leveren geld op, dat u aan andere kunt uitgeven.
rules_upper = U mag niet meer uitgeven dan { $upper }.
rules_between = U geeft dus minstens { $lower } en hooguit { $upper } uit.
rules_target = Doel van de gemeente: { $effect } { $goal }.
rules_exclusive = U kunt maar één kiezen van: { $options }.
rules_options_between = Kies minstens { $min } en hooguit { $max } maatregelen.
rules_options_at_least = Kies minstens { $min } { $min ->
    [one] maatregel
   *[other] maatregelen
}.
rules_options_at_most = Kies hooguit { $max } { $max ->
    [one] maatregel
   *[other] maatregelen
}.

## A broken rule of the choice task (pwe_core::portfolio).
broken_budget = Uw keuze kost { $cost }; het budget is { $budget }. Dat is { $excess } te veel.
broken_budget_flexible = Uw keuze kost { $cost }. U mag hooguit { $upper } uitgeven: het budget van { $budget } plus { $over } via de lasten. Dat is { $excess } te veel.
broken_min_spend = Uw keuze kost { $cost }; u moet minstens { $lower } uitgeven. Kies nog voor { $short } aan maatregelen.
broken_target = { $effect }: uw keuze komt uit op { $total }; het doel is { $goal }.
broken_exclusive = U kunt maar één van deze maatregelen kiezen: { $options }.
broken_max_options = U kiest { $n } maatregelen; het maximum is { $max }.
broken_min_options = U kiest { $n } maatregelen; kies er minstens { $min }.

## What mends a broken rule (pwe_core::fixes).
fix_remove = Haal een van deze weg: { $options }.
fix_lower = Kies een lager niveau: { $options }.
fix_add = Kies er een van deze bij: { $options }.
fix_swap = Kies { $option } in plaats van { $instead }.

## What is wrong with an answer (pwe_core::answers).
answer_unknown_option = De maatregel "{ $id }" bestaat niet.
answer_duplicate_option = De maatregel "{ $id }" staat er meer dan één keer in.
answer_no_such_level = De maatregel "{ $id }" heeft geen niveau { $level }; de niveaus zijn 0 tot en met { $max }.
answer_wrong_length = Verwacht een niveau voor elk van de { $expected } maatregelen, gevonden { $found }.
answer_motivation_too_long = Uw toelichting is { $length } tekens; het maximum is { $max }.
answer_motivation_missing = Licht uw keuze voor "{ $option }" toe.
answer_unknown_question = De vraag "{ $id }" bestaat niet.
answer_required = Deze vraag is verplicht: { $question }
answer_too_long = Uw antwoord is { $length } tekens; het maximum is { $max }.
answer_not_a_choice = "{ $id }" is geen van de antwoorden.
answer_number_range = Vul een getal van { $min } tot en met { $max } in.
answer_expected = Verwacht: { $kind ->
    [one] één antwoord
    [list] een lijst van antwoorden
    [whole] een geheel getal
    [likert] een antwoord van 1 tot en met 5
    [grade] een cijfer van 0 tot en met 10
   *[text] een tekst
}.

## How a response came in (pwe_core::channel) and where a household stopped
## (pwe_core::flow, the furthest step saved).
channel = { $channel ->
    [online] online
    [paper] op papier (ingevoerd door de gemeente)
   *[assisted] met hulp van de gemeente (telefoon of balie)
}
stopped_at = { $step ->
    [start] bij de start
    [info] bij de uitleg
    [choice] bij de keuze
    [motivation] bij de toelichting
    [background] bij de achtergrondvragen
    [evaluation] bij de evaluatievragen
   *[confirm] bij het bevestigen
}
