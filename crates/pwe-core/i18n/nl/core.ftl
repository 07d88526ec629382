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
decision_later = Later besloten
step_planned = gepland
step_in_progress = bezig
step_done = gedaan
# How selective taking part was as a whole ("de deelname was … selectief").
response_verdict = { $verdict ->
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
