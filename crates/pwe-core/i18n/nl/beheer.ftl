# The staff's pages (/beheer): turnout, reminders, representativeness so far.

beheer_name = Beheer
beheer_error_title = Fout
beheer_failed = Er ging iets mis.
beheer_status_failed = De cijfers konden niet worden gelezen; probeer het opnieuw.
beheer_window_open = Open van { $opens } tot { $closes } — nog { $left }.
beheer_window_closed = Gesloten sinds { $closes }.
beheer_logout = Uitloggen
beheer_heading = Stand van de raadpleging
beheer_invited = uitgenodigd
beheer_started = begonnen
beheer_submitted = ingediend
beheer_per_day_heading = Respons per dag
beheer_per_buurt = Per buurt
beheer_buurt = Buurt
beheer_invited_column = Uitgenodigd
beheer_started_column = Begonnen
beheer_submitted_column = Ingediend
beheer_total = Totaal
beheer_per_day = Per dag (UTC)
beheer_day = Dag
beheer_response_until = Respons tot dan
beheer_stopped_heading = Waar huishoudens stoppen
beheer_stopped_intro = Begonnen maar (nog) niet ingediend, naar de verste stap die is bewaard:
beheer_channels = Binnengekomen: { $channels }.
beheer_channels_none = nog niets
beheer_channel_count = { $channel } { $n }
beheer_representativeness_heading = Representativiteit tot nu toe
beheer_no_population = Start de dienst met --population om hier te zien hoe representatief de antwoorden tot nu toe zijn.
beheer_not_yet = Nog niet te berekenen: { $reason }.
beheer_r_indicator = Meedoen was tot nu toe { $degree } selectief. Dat zegt de R-indicator: { $r } (waarschijnlijk tussen { $low } en { $high }). Bij 1 doet elke groep even vaak mee; hoe lager, hoe meer sommige groepen vaker meedoen dan andere.
# One characteristic (such as the buurt): the verdict's sentence, then the
# test against the invited households in plain words.
beheer_margin_tested = { $variable }: { $sentence } Toets tegen de uitgenodigde huishoudens: { $p }; het grootste verschil tussen deelnemers en bevolking is { $asmd } standaarddeviatie.
beheer_margin_untested = { $variable }: { $sentence } Niet getoetst; het grootste verschil tussen deelnemers en bevolking is { $asmd } standaarddeviatie.
beheer_entry_heading = Papieren formulier of hulp bij invullen
beheer_entry_intro = Vul de code van het huishouden in. U gaat dan door dezelfde pagina's als de bewoner, met dezelfde regels; elk huishouden geeft één keer advies. Het antwoord wordt gemarkeerd als papier of hulp. Na het versturen komt u via de link op de bedankpagina hier terug.
beheer_code_label = Code van het huishouden
beheer_channel_question = Hoe komt het antwoord binnen?
beheer_channel_paper = Papieren formulier
beheer_channel_assisted = Hulp bij invullen (telefoon of balie)
beheer_enter = Invoeren voor dit huishouden
beheer_audit_heading = Wie deed wat
beheer_audit_intro = De laatste regels van het logboek, de nieuwste eerst. Na het wissen blijven alleen aantallen per account en handeling over.
beheer_audit = Logboek
beheer_audit_when = Wanneer
beheer_audit_account = Account
beheer_audit_action = Handeling
beheer_audit_detail = Waarover
beheer_json_note_start = Dezelfde cijfers als JSON:
beheer_json_note_basic = met de naam en het wachtwoord van een account van een onderzoeker (HTTP Basic:
beheer_json_note_cli = ); op de opdrachtregel:
beheer_chart_none = Nog geen enkel huishouden is begonnen.
beheer_chart_title = Respons tot en met elke dag, per buurt en in totaal (procent van de uitgenodigde huishoudens)
beheer_chart_total = totaal
beheer_chart_legend = { $name }: { $share }
# The roles of staff accounts.
beheer_role = { $role ->
    [desk] invoer (balie)
    [researcher] onderzoeker
   *[admin] beheerder
}
# The login form.
beheer_login_heading = Inloggen voor beheer
beheer_login_intro = Voor medewerkers van de gemeente en de onderzoekers, met hun eigen account.
beheer_no_accounts = Deze dienst heeft nog geen accounts. Een beheerder maakt ze op de server, bijvoorbeeld:
beheer_no_accounts_manual = (zie de handleiding, docs/deploy.md).
beheer_account_name = Naam van uw account
beheer_password = Wachtwoord
beheer_login = Inloggen
beheer_form_expired = Het formulier was verlopen. Vul uw naam en wachtwoord opnieuw in.
beheer_too_many_passwords = Te veel verkeerde wachtwoorden voor deze naam of vanaf dit adres. Probeer het over { $minutes ->
    [one] { $minutes } minuut
   *[other] { $minutes } minuten
} opnieuw.
beheer_wrong_password = Deze naam en dit wachtwoord horen niet bij een account van deze dienst.
beheer_login_database = Inloggen lukte niet door een fout in de database; probeer het opnieuw.
beheer_wrong_session = Het formulier hoorde niet bij deze sessie. Log opnieuw in.
beheer_session_expired = Uw sessie is verlopen. Log opnieuw in.
beheer_may_not_enter = Uw account mag geen formulieren invoeren; dat doen accounts met de rol invoer (balie) of beheerder.
beheer_choose_channel = Kies hoe het antwoord binnenkomt: papieren formulier of hulp bij invullen.
beheer_code_problem = Code "{ $code }": { $problem }
beheer_already_submitted = Met deze code is al advies gegeven; elk huishouden doet één keer mee.
beheer_entry_database = De invoer kon niet beginnen door een fout in de database; probeer het opnieuw.
# What an account did, by the audit log's code for it.
beheer_action = { $action ->
    [sign-in] aangemeld
    [entry] formulier ingevoerd
    [export] export gemaakt
    [codes] codes gemaakt
    [publish] uitkomsten gepubliceerd
    [purge] gegevens gewist
    [reissue] nieuwe code
    [staff-add] account toegevoegd
    [staff-remove] account verwijderd
    [void] code ingetrokken
   *[other] { $action }
}
