# The messages of the service's errors, on pages and in the API.

error_bad_request = Het verzoek klopt niet: { $detail }
error_code_length = Een code heeft { $length } letters en cijfers; u typte er { $found }. Vergelijk de code met uw brief.
error_code_character = Een code bevat nooit "{ $character }". Codes hebben letters behalve I, L en O, en de cijfers 2 tot en met 9. Vergelijk de code met uw brief.
error_code_check = Deze code klopt niet: waarschijnlijk is één teken verkeerd overgenomen of zijn twee tekens omgewisseld. Vergelijk de code met uw brief.
error_code_missing = Vul de code uit uw brief in.
error_code_unknown = Deze code kennen wij niet.
error_code_voided = Deze code is ingetrokken. Gebruik de code uit uw nieuwste brief.
error_survey_closed = { $when ->
    [before] De raadpleging begint op { $opens } en loopt tot { $closes }.
   *[after] De raadpleging is gesloten sinds { $closes }.
}
error_already_submitted = Uw huishouden heeft zijn advies al ingestuurd. Dank u wel!
error_not_in_followup = Uw huishouden is niet gevraagd voor de nabevraging.
error_not_submitted = Stuur eerst uw advies in.
error_invalid = Uw antwoorden voldoen nog niet aan { $n ->
    [one] { $n } regel
   *[other] { $n } regels
}.
error_too_many_codes = Er zijn te veel verkeerde codes ingevoerd. Probeer het over { $minutes ->
    [one] { $minutes } minuut
   *[other] { $minutes } minuten
} opnieuw.
error_too_many_passwords = Te veel verkeerde wachtwoorden. Probeer het over { $minutes ->
    [one] { $minutes } minuut
   *[other] { $minutes } minuten
} opnieuw.
error_unauthorized = Geen toegang: geef de naam en het wachtwoord van een account van een onderzoeker (HTTP Basic).
error_forbidden_desk = Niet toegestaan: een account voor invoer (balie) werkt op /beheer (invoer en de stand van de raadpleging); deze API is er voor accounts van onderzoekers en beheerders
error_not_found = Niet gevonden: { $what }
error_no_such_export = Niet gevonden: { $file }; de export heeft { $files }
error_internal = Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.
# Why the responses so far cannot be weighted yet (/beheer, pwe status).
error_weighting_no_responses = nog geen enkel huishouden heeft advies gegeven
error_weighting_empty_category = bij { $variable } heeft in categorie { $category } nog niemand advies gegeven, dus kan die groep nog niet worden gewogen
error_weighting_unknown_category = { $n ->
    [one] { $n } deelnemer valt
   *[other] { $n } deelnemers vallen
} bij { $variable } in categorie { $category }, die het bevolkingsbestand niet kent
error_weighting_missing_value = { $n ->
    [one] { $n } deelnemer heeft
   *[other] { $n } deelnemers hebben
} geen waarde voor { $variable }
error_weighting_unknown_variable = het bevolkingsbestand noemt { $variable }, maar de antwoorden hebben dat kenmerk niet
error_weighting_population_file = het bevolkingsbestand klopt niet bij { $variable } (een categorie of doel dubbel, of een doel dat geen positief getal is)
error_weighting_not_converged = de weging kwam na { $sweeps } rondes niet uit op de cijfers van de bevolking
error_weighting_cannot_trim = de gewichten kunnen niet onder { $cap } keer het gemiddelde blijven en toch de cijfers van de bevolking halen
error_weighting_other = de antwoorden konden nog niet worden gewogen
