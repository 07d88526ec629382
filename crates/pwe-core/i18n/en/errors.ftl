# The messages of the service's errors, on pages and in the API.

error_bad_request = The request is not valid: { $detail }
error_code_length = A code has { $length } letters and digits; you typed { $found }. Compare the code with your letter.
error_code_character = A code never contains "{ $character }". Codes have letters other than I, L and O, and the digits 2 to 9. Compare the code with your letter.
error_code_check = This code does not add up: probably one character was copied wrongly or two were swapped. Compare the code with your letter.
error_code_missing = Enter the code from your letter.
error_code_unknown = We do not know this code.
error_code_voided = This code has been withdrawn. Use the code from your latest letter.
error_survey_closed = { $when ->
    [before] The consultation opens on { $opens } and runs until { $closes }.
   *[after] The consultation closed on { $closes }.
}
error_already_submitted = Your household has already submitted its advice. Thank you!
error_not_in_followup = Your household was not asked for the follow-up.
error_not_submitted = Submit your advice first.
error_invalid = Your answers do not yet meet { $n ->
    [one] { $n } rule
   *[other] { $n } rules
}.
error_too_many_codes = Too many wrong codes were entered. Please try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
error_too_many_passwords = Too many wrong passwords. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
error_unauthorized = No access: send the name and password of a researcher's staff account (HTTP Basic, curl -u name:password).
error_forbidden_desk = Not allowed: a desk account works on /beheer (entries and the turnout); this API is for researchers' and administrators' accounts
error_not_found = Not found: { $what }
error_no_such_export = Not found: { $file }; the export has { $files }
error_internal = Something went wrong on our side. Please try again in a few minutes.
# Why the responses so far cannot be weighted yet (/beheer, pwe status).
error_weighting_no_responses = no household has submitted yet
error_weighting_empty_category = on { $variable }, no respondent is in category { $category } yet, so that group cannot be weighted yet
error_weighting_unknown_category = { $n ->
    [one] { $n } respondent is
   *[other] { $n } respondents are
} in category { $category } of { $variable }, which the population file does not have
error_weighting_missing_value = { $n ->
    [one] { $n } respondent has
   *[other] { $n } respondents have
} no value for { $variable }
error_weighting_unknown_variable = the population file names { $variable }, but the responses do not have that characteristic
error_weighting_population_file = the population file is wrong on { $variable } (a category or target given twice, or a target that is not a positive number)
error_weighting_not_converged = the weighting did not reach the population's figures after { $sweeps } sweeps
error_weighting_cannot_trim = the weights cannot stay under { $cap } times the mean and still meet the population's figures
error_weighting_other = the responses could not be weighted yet
