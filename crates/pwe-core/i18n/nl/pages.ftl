# The pages a resident and the public read (pwe-service templates).

skip = Naar de inhoud
language = English
language_code = en
code_label = Uw code (staat in uw brief)
code_hint = Bijvoorbeeld K7QM-3XRT-9HC. Hoofdletters, spaties en streepjes maken niet uit.
start = Beginnen
next = Volgende
back = Vorige
save_next = Opslaan en verder
step = Stap
of = van
choice_title = Uw advies
choose = Kiezen
not_chosen = Niet kiezen
cost = Kosten
raises = Levert op
effects = Effecten
more_info = Meer informatie
meter = Budget
spent = Uitgegeven
remaining = Over
budget = Budget
tax_change = Lasten per huishouden per jaar
motivation_title = Waarom?
motivation_intro = Licht uw keuzes toe. Juist uw argumenten helpen de gemeenteraad.
characters_left = tekens over
max_characters = Hooguit
characters = tekens
optional = (niet verplicht)
background_title = Over uw huishouden
evaluation_title = Wat vond u van deze raadpleging?
no_answer = Geen antwoord
confirm_title = Controleer uw advies
confirm_intro = Dit stuurt u in. Daarna kunt u niets meer veranderen.
your_choice = Uw keuze
submit = Advies insturen
change = Wijzigen
thanks_title = Dank u wel!
thanks_intro = Uw advies is ontvangen.
receipt = Uw ontvangstbewijs
receipt_hint = Bewaar dit bewijs. Op de pagina 'Is mijn advies ontvangen?' (onderaan elke pagina) kunt u later nagaan dat uw advies is ontvangen.
next_steps = Wat gebeurt er nu?
closed_title = De raadpleging is niet open
already_title = Uw huishouden heeft al meegedaan
already_intro = Dank u wel! Uw advies is al ingestuurd; meedoen kan één keer per huishouden.
errors_title = Er klopt nog iets niet
logout = Stoppen en later verder
logout_title = U kunt later verder
logout_intro = Uw antwoorden zijn bewaard. Vul de code uit uw brief opnieuw in om verder te gaan, zolang de raadpleging open is.
session_expired = Uw sessie is verlopen. Vul uw code opnieuw in; uw antwoorden zijn bewaard.
results_title = Uitkomsten
results_intro = Per maatregel het aandeel huishoudens dat hem koos.
results_counted = { $n ->
    [one] { $n } huishouden gaf zijn advies.
   *[other] { $n } huishoudens gaven hun advies.
}
results_left_out = Niet meegeteld omdat er een regel van de opdracht in is overtreden: { $n } (papieren formulieren, opgeslagen zoals ze zijn ingevuld).
results_per_option = Per maatregel, de meest gekozen eerst
results_between = Van alle huishoudens waarschijnlijk tussen { $low } en { $high }.
results_how_sure = Hoe zeker zijn deze cijfers?
results_how_sure_text = Niet alle huishoudens deden mee. Uit de adviezen die er zijn, volgt met 95% zekerheid dat het aandeel onder alle huishoudens tussen de twee genoemde getallen ligt. Hoe meer huishoudens meededen, hoe dichter die getallen bij elkaar liggen.
results_group = Hooguit één van deze { $n } maatregelen
results_together = Samen
results_group_chose = koos een van deze maatregelen.
council_title = Wat de raad met het advies deed
advice = Advies van bewoners
advice_chose = koos deze maatregel.
decision = Besluit van de raad
decided = Besloten op { $date } door de { $body }
steps_title = Uitvoering
decision_more = Meer over dit besluit
suppressed = Te weinig deelnemers om te tonen.
weighted_note = De aandelen zijn gewogen naar de samenstelling van de buurten (buurt, leeftijd, huishouden), zodat groepen die minder meededen even zwaar tellen als in werkelijkheid.
unweighted_note = De aandelen zijn niet gewogen: ze geven de deelnemers weer, niet per se alle bewoners.
# After the close: where the outcome stands (landing, closed code, receipt check, thanks, results).
closed_ended_title = De raadpleging is gesloten
landing_closed = De raadpleging is gesloten sinds { $closes }. Dank aan iedereen die meedeed.
landing_code = Toch een code invullen
outcome_open = { $publish ->
    [at-close] Vanaf de sluiting op { $closes } staan de uitkomsten op deze website, en later wat de raad met het advies deed.
   *[manual] Na de sluiting op { $closes } controleert de gemeente de uitkomsten; daarna staan ze op deze website, en later wat de raad met het advies deed.
}
outcome_checking = De gemeente controleert de uitkomsten en zet ze zo snel mogelijk op deze website; later ook wat de raad met het advies deed.
outcome_published = De uitkomsten staan op deze website. De raad heeft nog niet laten weten wat hij met het advies doet.
outcome_answered = De uitkomsten staan op deze website. Op { $date } besloot de raad wat hij met het advies doet: per maatregel, met de reden.
outcome_see_results = De uitkomsten bekijken
privacy = Privacy
entry_paper = Papieren formulier van huishouden
entry_assisted = Hulp bij invullen voor huishouden
as_written = Dit papieren formulier breekt een regel. Het wordt vastgelegd zoals het is ingevuld: het telt mee in de deelname, maar niet in de percentages per maatregel en het keuzemodel (het rapport noemt hoeveel formulieren dat zijn). Verbeter het niet.
organiser = Organisator
open_window = Open van { $opens } tot { $closes }
error_prefix = Fout
how_it_works = Zo werkt het
fits = Uw keuze past binnen alle regels.
meter_more = Effecten, doelen en regels
meter_empty = U heeft nog niets gekozen. Hier ziet u steeds wat uw keuze kost en doet.
target = Doel
none_of_these = Geen van deze
remove = Weghalen
meter_as_saved = Zoals bij het laatste opslaan of berekenen (Bereken opnieuw toont uw vinkjes van nu):
meter_open = Nog niet af: { $n ->
    [one] één regel wordt
   *[other] { $n } regels worden
} nog niet gehaald.
meter_problem = Uw keuze past nog niet: { $n ->
    [one] één regel wordt
   *[other] { $n } regels worden
} niet gehaald.
left_at_least = Nog minstens uit te geven
over_flexible = Boven het budget, via de lasten
too_much = Te veel
meter_allowed = U mag { $lower } tot { $upper } uitgeven; het budget is { $budget }.
meter_allowed_upper = U mag hooguit { $upper } uitgeven; het budget is { $budget }.
recalculate = Bereken opnieuw
left_to_spend = Nog uit te geven
charge_up = U geeft meer uit dan het budget: alle huishoudens betalen dit samen via de gemeentelijke belastingen (de lasten). Meer dan het getoonde bedrag kan niet.
charge_down = U geeft minder uit dan het budget: de gemeentelijke belastingen (de lasten) gaan voor alle huishoudens omlaag. Meer dan het getoonde bedrag kan niet.
charge_same = U geeft precies het budget uit: de lasten blijven gelijk.
group_heading = Kies hooguit één van deze
group_measures = maatregelen
nothing_chosen = Niets gekozen
no_motivation = Geen toelichting gegeven
not_answered = Vragen niet beantwoord
why_asked = Waarom vragen we dit?
simulated_banner = Gesimuleerde gegevens: deze database is gevuld door pwe simulate. Dit zijn geen antwoorden van bewoners.
help_title = Hulp nodig?
help_none = Heeft u een vraag? Neem contact op met de gemeente.
phone = Bel
email = mail
help_desk = Balie en openingstijden
receipt_check_title = Is mijn advies ontvangen?
back_to_beheer = Terug naar beheer (volgende invoer)
receipt_check_intro = Vul het ontvangstbewijs in dat u na het insturen kreeg. U ziet dan of en wanneer een advies met dit bewijs is ontvangen. Wat u koos, ziet niemand hier.
receipt_check_hint = Bijvoorbeeld 3F2A-91C0-77DE.
receipt_check_button = Nagaan
receipt_found = Ja: een advies met dit ontvangstbewijs is ontvangen op
receipt_not_found = Wij vinden geen advies met dit ontvangstbewijs. Controleer of u het goed heeft overgenomen. Klopt het wel? Neem dan contact met ons op.
receipt_ended = De raadpleging is afgelopen. Om de antwoorden los te maken van de huishoudens zijn alle ontvangstbewijzen gewist: een bewijs vindt geen advies meer, ook het uwe niet.
receipt_too_many = Er zijn van hieruit te veel ontvangstbewijzen nagegaan die niet bestaan. Probeer het later opnieuw.
failure_title = Er ging iets mis
failure_kept = Wat u eerder heeft opgeslagen, is bewaard.
to_start = Naar het begin
not_found_title = Deze pagina bestaat niet
not_found_intro = Misschien is het adres verkeerd overgenomen. Begin opnieuw via de startpagina; met de code uit uw brief komt u terug waar u was.

# The check page and the motivation page (check your answers).
confirm_effects = Effecten en doelen
target_met = gehaald
target_missed = niet gehaald
motivation_chosen = Maatregelen die u koos
motivation_not_chosen = Maatregelen die u niet koos ({ $n })
