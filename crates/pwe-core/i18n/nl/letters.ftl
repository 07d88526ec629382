# The letters and paper forms (PDF and the merge file).

letter_heading_invitation = Wat zou u doen? Wij vragen uw advies.
letter_heading_reminder = Herinnering: wij vragen uw advies
letter_window = Meedoen kan van { $opens } tot { $closes }.
letter_how_heading = Zo werkt het
letter_how_1 = 1. Scan de QR-code met uw telefoon, of ga naar { $address } en vul uw code in.
letter_how_2 = 2. Bekijk de maatregelen met hun kosten en effecten en kies wat u zou doen, binnen het budget.
letter_how_3 = 3. Leg uit waarom en verstuur uw advies. U kunt stoppen en later verdergaan; elk huishouden doet één keer mee.
letter_privacy = Privacy: de code hoort bij uw huishouden en is het enige wat uw antwoorden met deze brief verbindt. Wij bewaren geen naam, adres of IP-adres bij uw antwoorden en verwijderen de codes en uw toelichtingen na { $date }.
letter_help = Hulp nodig, of liever op papier of telefonisch? { $ways }.
letter_reach_phone = bel { $phone }
letter_reach_email = mail { $email }
letter_reach_visit = kom langs: { $address }
letter_reach_or = { $first } of { $second }
letter_greeting = Beste bewoner,
letter_closing = Met vriendelijke groet,
letter_your_code = Uw persoonlijke code
letter_your_link = Uw persoonlijke link
letter_reference = Kenmerk { $reference } · buurt { $buurt }
# The letter in a few lines in its other language (a Dutch letter carries
# the English one, written from the English catalog).
letter_summary = Nederlands: { $organiser } vraagt uw advies over "{ $title }". Scan de QR-code of ga naar { $address } en vul uw code in; de pagina's zijn ook in het Engels. Meedoen kan van { $opens } tot { $closes }. Hulp: { $ways }.

# The paper form.
letter_form_no_version = Huishouden { $reference }: versie { $version } bestaat niet in deze raadpleging; dit formulier kan niet worden gedrukt.
letter_form_of = Papieren vragenlijst van huishouden { $reference } (versie { $version }).
letter_form_code = Uw code: { $code }
letter_form_online = Liever online? Ga naar { $address } en vul uw code in. Stuur dit formulier in of geef het af bij de gemeente; een medewerker voert het met uw code in, precies zoals u het invulde.
letter_form_privacy = Privacy
letter_form_advice = Uw advies: kruis per maatregel aan wat u kiest
letter_form_costs = kost { $amount }
letter_form_raises = levert { $amount } op
letter_form_yes = Ja, deze maatregel
letter_form_level = { $label } — { $cost }
letter_form_level_effects = { $label } — { $cost }. { $effects }
letter_form_why = Waarom? (mag u overslaan)
letter_form_chosen_or_not = Gekozen: { $chosen } Niet gekozen: { $not_chosen }
letter_form_household = Over uw huishouden
letter_form_more_answers = (meer antwoorden mogelijk)
letter_form_number = Een getal van { $min } tot { $max }:
letter_form_evaluation = Over deze raadpleging
letter_form_likert = 1 = { $low }, 5 = { $high }
letter_form_grade = een cijfer van 0 tot 10
letter_form_thanks = Hartelijk dank voor uw advies.
letter_form_footer = Huishouden { $reference } · versie { $version }
letter_form_page = { $footer } · pagina { $page } van { $pages }
