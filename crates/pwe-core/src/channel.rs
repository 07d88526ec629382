//! How a response came in: online by the household itself, from a paper
//! form entered by an official, or with an official's help (phone, desk).

/// The channel of a response, a column of the export's responses.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Channel {
    /// The household answered online itself.
    #[default]
    Online,
    /// An official entered the household's paper form.
    Paper,
    /// An official helped the household answer (by phone or at the desk).
    Assisted,
}

impl Channel {
    /// Every channel, in the order reports list them.
    pub const ALL: [Channel; 3] = [Channel::Online, Channel::Paper, Channel::Assisted];

    /// The word in the export and the database.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Paper => "paper",
            Channel::Assisted => "assisted",
        }
    }

    /// The channel a word names.
    pub fn parse(word: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == word)
    }

    /// How the channel is called in `lang` (the catalog's `channel`).
    pub fn word(self, lang: crate::text::Lang) -> String {
        crate::words::words(lang).fill("channel", &[("channel", self.code().into())])
    }

    /// Whether answers coming in this way are taken as written: a paper
    /// form is the household's own and an official never "corrects" it
    /// ([`crate::answers::check_from`]).
    pub fn taken_as_written(self) -> bool {
        self == Channel::Paper
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.code()), Some(channel));
        }
        assert_eq!(Channel::parse("fax"), None);
    }
}
