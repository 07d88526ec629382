//! The survey's metadata, information pages and effects.

use super::*;

impl Parser<'_> {
    pub(super) fn meta(&mut self, raw: &Spanned<RawMeta>) -> Option<Metadata> {
        let place = self.place("survey".into(), raw);
        let meta = raw.get_ref();
        let id_ok = self.id(&meta.id, &place.field("id"));
        let title = self.text(&meta.title, &place.field("title"));
        let organiser = self.text(&meta.organiser, &place.field("organiser"));
        let privacy = self.text(&meta.privacy, &place.field("privacy"));
        let next_steps = self.optional_text(meta.next_steps.as_ref(), &place.field("next_steps"));
        let contact = match &meta.contact {
            None => Some(None),
            Some(raw) => self.contact(raw, &place.field("contact")).map(Some),
        };
        let letter = match &meta.letter {
            None => Some(None),
            Some(raw) => self.letter(raw, &place.field("letter")).map(Some),
        };
        let research_questions = meta
            .research_questions
            .clone()
            .unwrap_or_else(|| DEFAULT_RESEARCH_QUESTIONS.map(str::to_string).to_vec());
        let evaluation_themes = self.themes(
            meta.evaluation_themes.as_deref(),
            &place.field("evaluation_themes"),
        );
        let timezone = match &meta.timezone {
            None => Some(chrono_tz::Europe::Amsterdam),
            Some(name) => match name.parse::<Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    self.problem(
                        &place.field("timezone"),
                        format!("unknown time zone \"{name}\"; write it like \"Europe/Amsterdam\""),
                    );
                    None
                }
            },
        };
        let opens = timezone.and_then(|tz| self.datetime(&meta.opens, tz, &place.field("opens")));
        let closes =
            timezone.and_then(|tz| self.datetime(&meta.closes, tz, &place.field("closes")));
        let retention_until = self.date(&meta.retention_until, &place.field("retention_until"));
        let participation_level = match meta.participation_level.as_str() {
            "informeren" => Some(ParticipationLevel::Informeren),
            "raadplegen" => Some(ParticipationLevel::Raadplegen),
            "adviseren" => Some(ParticipationLevel::Adviseren),
            "coproduceren" => Some(ParticipationLevel::Coproduceren),
            "meebeslissen" => Some(ParticipationLevel::Meebeslissen),
            other => {
                self.problem(
                    &place.field("participation_level"),
                    format!(
                        "unknown participation level \"{other}\"; expected informeren, raadplegen, adviseren, coproduceren or meebeslissen"
                    ),
                );
                None
            }
        };
        let publish_results = match meta.publish_results.as_deref() {
            None | Some("manual") => Some(PublishResults::Manual),
            Some("at-close") => Some(PublishResults::AtClose),
            Some(other) => {
                self.problem(
                    &place.field("publish_results"),
                    format!("\"{other}\" is not one of manual (the default: after `pwe results publish`) or at-close"),
                );
                None
            }
        };
        if let (Some(opens), Some(closes)) = (opens, closes)
            && opens >= closes
        {
            self.problem(&place.field("closes"), "the survey closes before it opens");
        }
        if let (Some(closes), Some(retention), Some(tz)) = (closes, retention_until, timezone)
            && retention < closes.with_timezone(&tz).date_naive()
        {
            self.problem(
                &place.field("retention_until"),
                format!("the retention date {retention} is before the survey closes"),
            );
        }
        Some(Metadata {
            id: id_ok.then(|| meta.id.clone())?,
            title: title?,
            organiser: organiser?,
            opens: opens?,
            closes: closes?,
            timezone: timezone?,
            participation_level: participation_level?,
            publish_results: publish_results?,
            privacy: privacy?,
            retention_until: retention_until?,
            randomize_options: meta.randomize_options,
            next_steps: next_steps?,
            contact: contact?,
            letter: letter?,
            research_questions,
            evaluation_themes: evaluation_themes?,
        })
    }

    /// The ACTIE themes named, all five when none are.
    fn themes(&mut self, names: Option<&[String]>, place: &Place) -> Option<Vec<ActieTheme>> {
        let Some(names) = names else {
            return Some(ActieTheme::ALL.to_vec());
        };
        names
            .iter()
            .map(|name| {
                let theme = ActieTheme::ALL.into_iter().find(|t| t.name() == name);
                if theme.is_none() {
                    self.problem(
                        place,
                        format!(
                            "unknown ACTIE theme \"{name}\"; expected animo, contacten, talenten, institutionalisering or empathie"
                        ),
                    );
                }
                theme
            })
            .collect()
    }

    fn letter(&mut self, raw: &RawLetter, place: &Place) -> Option<Letter> {
        let intro = self.text(&raw.intro, &place.field("intro"));
        let reminder = self.optional_text(raw.reminder.as_ref(), &place.field("reminder"));
        let signature = self.text(&raw.signature, &place.field("signature"));
        Some(Letter {
            intro: intro?,
            reminder: reminder?,
            signature: signature?,
        })
    }

    /// The help desk: at least one way to reach it.
    fn contact(&mut self, raw: &RawContact, place: &Place) -> Option<Contact> {
        let address = self.optional_text(raw.address.as_ref(), &place.field("address"));
        let hours = self.optional_text(raw.hours.as_ref(), &place.field("hours"));
        let nonempty = |v: &Option<String>| v.as_ref().filter(|s| !s.trim().is_empty()).cloned();
        let (phone, email) = (nonempty(&raw.phone), nonempty(&raw.email));
        if let Some(email) = &email
            && !email.contains('@')
        {
            self.problem(
                &place.field("email"),
                format!("\"{email}\" is not an e-mail address"),
            );
            return None;
        }
        let contact = Contact {
            phone,
            email,
            address: address?,
            hours: hours?,
        };
        if contact.phone.is_none() && contact.email.is_none() && contact.address.is_none() {
            self.problem(
                place,
                "give at least a phone number, an e-mail address or an address",
            );
            return None;
        }
        Some(contact)
    }

    /// A date-time from the file: one without an offset is read in the survey's
    /// time zone, which is how an organiser writes "9 o'clock on 11 January".
    pub(super) fn datetime(
        &mut self,
        raw: &Datetime,
        tz: Tz,
        place: &Place,
    ) -> Option<DateTime<Utc>> {
        let written = raw.to_string();
        if raw.date.is_none() || raw.time.is_none() {
            self.problem(
                place,
                format!("expected a date and time such as 2027-01-11T09:00:00, found {written}"),
            );
            return None;
        }
        if raw.offset.is_some() {
            return match DateTime::parse_from_rfc3339(&written) {
                Ok(at) => Some(at.with_timezone(&Utc)),
                Err(error) => {
                    self.problem(place, format!("cannot read {written}: {error}"));
                    None
                }
            };
        }
        let local = written.replace(' ', "T");
        let naive = NaiveDateTime::parse_from_str(&local, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| NaiveDateTime::parse_from_str(&local, "%Y-%m-%dT%H:%M"));
        match naive {
            Ok(naive) => match tz.from_local_datetime(&naive).single() {
                Some(at) => Some(at.with_timezone(&Utc)),
                None => {
                    self.problem(
                        place,
                        format!("{written} does not exist or is ambiguous in {tz} (a daylight saving change); pick another time"),
                    );
                    None
                }
            },
            Err(error) => {
                self.problem(place, format!("cannot read {written}: {error}"));
                None
            }
        }
    }

    pub(super) fn date(&mut self, raw: &Datetime, place: &Place) -> Option<NaiveDate> {
        match (raw.date, raw.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            ),
            _ => {
                self.problem(
                    place,
                    format!("expected a date such as 2027-12-31, found {raw}"),
                );
                None
            }
        }
    }

    pub(super) fn pages(&mut self, raw: &[Spanned<RawPage>]) -> Option<Vec<InfoPage>> {
        let mut pages = Vec::new();
        let mut ids = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let page = spanned.get_ref();
            let place = self.item_place("pages", idx, &page.id, spanned);
            let id_ok = self.id(&page.id, &place.field("id"));
            let title = self.text(&page.title, &place.field("title"));
            let body = self.text(&page.body, &place.field("body"));
            ids.push((page.id.as_str(), place));
            if let (true, Some(title), Some(body)) = (id_ok, title, body) {
                pages.push(InfoPage {
                    id: page.id.clone(),
                    title,
                    body,
                });
            }
        }
        self.unique("page", ids);
        (pages.len() == raw.len()).then_some(pages)
    }

    pub(super) fn effects(&mut self, raw: &[Spanned<RawEffect>]) -> Option<Vec<EffectDef>> {
        let mut effects = Vec::new();
        let mut ids = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let effect = spanned.get_ref();
            let place = self.item_place("effects", idx, &effect.id, spanned);
            let id_ok = self.id(&effect.id, &place.field("id"));
            let label = self.text(&effect.label, &place.field("label"));
            let unit = self.text(&effect.unit, &place.field("unit"));
            ids.push((effect.id.as_str(), place));
            if let (true, Some(label), Some(unit)) = (id_ok, label, unit) {
                effects.push(EffectDef {
                    id: effect.id.clone(),
                    label,
                    unit,
                });
            }
        }
        self.unique("effect", ids);
        (effects.len() == raw.len()).then_some(effects)
    }

    pub(super) fn effect_values(
        &mut self,
        raw: &BTreeMap<String, f64>,
        effect_ids: &[&str],
        place: &Place,
    ) -> Option<Vec<f64>> {
        let mut values = vec![0.0; effect_ids.len()];
        let mut ok = true;
        for (name, &value) in raw {
            match effect_ids.iter().position(|id| id == name) {
                Some(effect_idx) if value.is_finite() => values[effect_idx] = value,
                Some(_) => {
                    self.problem(&place.field(name), "must be a finite number");
                    ok = false;
                }
                None => {
                    self.problem(
                        &place.field(name),
                        format!("unknown effect \"{name}\"; declare it under [[effects]]"),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(values)
    }
}
