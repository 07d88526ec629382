# The staff's pages (/beheer): turnout, reminders, representativeness so far.

beheer_name = Administration
beheer_error_title = Error
beheer_failed = Something went wrong.
beheer_status_failed = The figures could not be read; please try again.
beheer_window_open = Open from { $opens } to { $closes } — { $left } left.
beheer_window_closed = Closed since { $closes }.
beheer_logout = Sign out
beheer_heading = State of the consultation
beheer_invited = invited
beheer_started = started
beheer_submitted = submitted
beheer_per_day_heading = Response per day
beheer_per_buurt = Per neighbourhood
beheer_buurt = Neighbourhood
beheer_invited_column = Invited
beheer_started_column = Started
beheer_submitted_column = Submitted
beheer_total = Total
beheer_per_day = Per day (UTC)
beheer_day = Day
beheer_response_until = Response up to then
beheer_stopped_heading = Where households stop
beheer_stopped_intro = Started but not (yet) submitted, by the furthest step saved:
beheer_channels = Received: { $channels }.
beheer_channels_none = nothing yet
beheer_channel_count = { $channel } { $n }
beheer_representativeness_heading = Representativeness so far
beheer_no_population = Start the service with --population to see here how representative the responses are so far.
beheer_not_yet = Cannot be computed yet: { $reason }.
beheer_r_indicator = So far, taking part was { $degree } selective. That is what the R-indicator says: { $r } (probably between { $low } and { $high }). At 1 every group takes part equally often; the lower, the more some groups take part more often than others.
# One characteristic (such as the buurt): the verdict's sentence, then the
# test against the invited households in plain words.
beheer_margin_tested = { $variable }: { $sentence } Test against the invited households: { $p }; the largest difference between respondents and population is { $asmd } standard deviations.
beheer_margin_untested = { $variable }: { $sentence } Not tested; the largest difference between respondents and population is { $asmd } standard deviations.
beheer_entry_heading = Paper form or help with filling in
beheer_entry_intro = Enter the household's code. You then go through the same pages as the resident, under the same rules; each household advises once. The answer is marked as paper or help. After sending, the link on the thank-you page brings you back here.
beheer_code_label = The household's code
beheer_channel_question = How does the answer come in?
beheer_channel_paper = Paper form
beheer_channel_assisted = Help with filling in (phone or desk)
beheer_enter = Enter for this household
beheer_audit_heading = Who did what
beheer_audit_intro = The last lines of the log, newest first. After the purge only counts per account and action are left.
beheer_audit = Log
beheer_audit_when = When
beheer_audit_account = Account
beheer_audit_action = Action
beheer_audit_detail = About
beheer_json_note_start = The same figures as JSON:
beheer_json_note_basic = with the name and password of a researcher's account (HTTP Basic:
beheer_json_note_cli = ); on the command line:
beheer_chart_none = No household has started yet.
beheer_chart_title = Response up to and including each day, per neighbourhood and in total (percent of the invited households)
beheer_chart_total = total
beheer_chart_legend = { $name }: { $share }
# The roles of staff accounts.
beheer_role = { $role ->
    [desk] data entry (desk)
    [researcher] researcher
   *[admin] administrator
}
# The login form.
beheer_login_heading = Sign in to administration
beheer_login_intro = For the municipality's staff and the researchers, with their own account.
beheer_no_accounts = This service has no accounts yet. An administrator makes them on the server, for example:
beheer_no_accounts_manual = (see the manual, docs/deploy.md).
beheer_account_name = Your account's name
beheer_password = Password
beheer_login = Sign in
beheer_form_expired = The form had expired. Enter your name and password again.
beheer_too_many_passwords = Too many wrong passwords for this name or from this address. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
beheer_wrong_password = This name and password do not belong to an account of this service.
beheer_login_database = Signing in failed because of a database error; please try again.
beheer_wrong_session = The form did not belong to this session. Sign in again.
beheer_session_expired = Your session has expired. Sign in again.
beheer_may_not_enter = Your account may not enter forms; accounts with the role data entry (desk) or administrator do.
beheer_choose_channel = Choose how the answer comes in: paper form or help with filling in.
beheer_code_problem = Code "{ $code }": { $problem }
beheer_already_submitted = Advice has already been given with this code; each household takes part once.
beheer_entry_database = The entry could not start because of a database error; please try again.
# What an account did, by the audit log's code for it.
beheer_action = { $action ->
    [sign-in] signed in
    [entry] form entered
    [export] export made
    [codes] codes made
    [publish] results published
    [purge] data erased
    [reissue] new code
    [staff-add] account added
    [staff-remove] account removed
    [void] code withdrawn
   *[other] { $action }
}
