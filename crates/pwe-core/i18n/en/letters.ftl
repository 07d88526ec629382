# The letters and paper forms (PDF and the merge file).

letter_heading_invitation = What would you do? We ask for your advice.
letter_heading_reminder = Reminder: we ask for your advice
letter_window = You can take part from { $opens } to { $closes }.
letter_how_heading = How it works
letter_how_1 = 1. Scan the QR code with your phone, or go to { $address } and enter your code.
letter_how_2 = 2. Look at the measures with their costs and effects and choose what you would do, within the budget.
letter_how_3 = 3. Explain why and send your advice. You can stop and continue later; each household takes part once.
letter_privacy = Privacy: the code belongs to your household and is the only thing that links your answers to this letter. We keep no name, address or IP address with your answers and delete the codes and your explanations after { $date }.
letter_help = Need help, or rather on paper or by phone? { $ways }.
letter_reach_phone = call { $phone }
letter_reach_email = e-mail { $email }
letter_reach_visit = visit: { $address }
letter_reach_or = { $first } or { $second }
letter_greeting = Dear resident,
letter_closing = Kind regards,
letter_your_code = Your personal code
letter_your_link = Your personal link
letter_reference = Reference { $reference } · neighbourhood { $buurt }
# The letter in a few lines in its other language (a Dutch letter carries
# the English one, written from the English catalog).
letter_summary = English: { $organiser } asks for your advice on "{ $title }". Scan the QR code or go to { $address } and enter your code; the pages are also in English. You can take part from { $opens } to { $closes }. Help: { $ways }.

# The paper form.
letter_form_no_version = Household { $reference }: version { $version } does not exist in this consultation; this form cannot be printed.
letter_form_of = Paper questionnaire of household { $reference } (version { $version }).
letter_form_code = Your code: { $code }
letter_form_online = Rather online? Go to { $address } and enter your code. Send this form in or hand it in at the municipality; an official enters it with your code, exactly as you filled it in.
letter_form_privacy = Privacy
letter_form_advice = Your advice: tick for each measure what you choose
letter_form_costs = costs { $amount }
letter_form_raises = raises { $amount }
letter_form_yes = Yes, this measure
letter_form_level = { $label } — { $cost }
letter_form_level_effects = { $label } — { $cost }. { $effects }
letter_form_why = Why? (you may skip this)
letter_form_chosen_or_not = Chosen: { $chosen } Not chosen: { $not_chosen }
letter_form_household = About your household
letter_form_more_answers = (more than one answer possible)
letter_form_number = A number from { $min } to { $max }:
letter_form_evaluation = About this consultation
letter_form_likert = 1 = { $low }, 5 = { $high }
letter_form_grade = a mark from 0 to 10
letter_form_thanks = Thank you for your advice.
letter_form_footer = Household { $reference } · version { $version }
letter_form_page = { $footer } · page { $page } of { $pages }
