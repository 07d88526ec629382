//! Dutch motivations and remarks for simulated households, from templates per
//! public value (the themes a codebook will look for).

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Arguments for an option, by value theme.
const PRO: [&str; 8] = [
    "Minder parkeerdruk in mijn straat, daar gaat het om.",
    "Goed voor de bereikbaarheid van de wijk voor bewoners en bezoekers.",
    "Dit maakt de straat veiliger voor kinderen en fietsers.",
    "Een eerlijke oplossing: wie de overlast veroorzaakt, betaalt mee.",
    "Minder zoekverkeer betekent minder uitlaatgassen en lawaai.",
    "Voor deze kosten levert het veel op.",
    "Dit helpt de leefbaarheid van de buurt.",
    "{option} is nodig omdat het nu op drukke dagen vastloopt.",
];

/// Arguments against an option, by value theme.
const CONTRA: [&str; 8] = [
    "Te duur voor wat het oplevert.",
    "Dit verschuift het probleem alleen naar andere straten.",
    "Bewoners gaan hiervoor betalen, dat vind ik niet eerlijk.",
    "Slecht voor de bereikbaarheid van de winkels.",
    "{option} lost het parkeerprobleem niet op.",
    "Het geld kan beter naar handhaving.",
    "Dit maakt het voor ouderen lastiger om bezoek te ontvangen.",
    "Ik zie niet hoe dit de wijk leefbaarder maakt.",
];

const REMARKS: [&str; 4] = [
    "Fijn dat de gemeente dit vraagt.",
    "Ik hoop dat er echt iets met de uitkomst gebeurt.",
    "De vragenlijst was wat lang.",
    "Goede manier om mee te denken.",
];

/// A motivation for `option`, for it (`pro`) or against it.
pub fn motivation(rng: &mut ChaCha8Rng, option: &str, pro: bool) -> String {
    let templates = if pro { &PRO } else { &CONTRA };
    templates[rng.random_range(0..templates.len())].replace("{option}", option)
}

/// An open remark about the consultation.
pub fn remark(rng: &mut ChaCha8Rng) -> String {
    REMARKS[rng.random_range(0..REMARKS.len())].to_string()
}
