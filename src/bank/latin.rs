//! Names in the SEPA character set: a payee called "Drita Çeliku" or "Ђорђе Петровић" must reach
//! the bank as "Drita Celiku" and "Djordje Petrovic", not be rejected or arrive as question marks.
//!
//! Letters are first decomposed (NFD), so every accented Latin letter (Albanian ë and ç, Serbian
//! č, ć, š and ž, and the rest of Europe's) becomes its base letter and an accent that is
//! dropped. What has no decomposition goes through the small table below: Serbian Cyrillic, as
//! Serbian writes it in Latin script without accents, the few Latin letters that are not a base
//! letter with an accent (đ, ß, æ, ø, ł, ...) and common punctuation. A table we can read beats a
//! general transliteration crate here: it is a few dozen letters, and a person's name on a bank
//! transfer is worth knowing exactly how it was spelled. Anything still outside the set becomes
//! `.`, a visible placeholder that keeps the length of the name.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::domain::payout::is_sepa_character;

const PLACEHOLDER: char = '.';

/// `text` in the SEPA character set, trimmed and cut to `maximum_characters`.
pub fn to_sepa_text(text: &str, maximum_characters: usize) -> String {
    let mut converted = String::with_capacity(text.len());
    for character in text.nfd() {
        if is_sepa_character(character) {
            converted.push(character);
        } else if let Some(latin) = transliterate(character) {
            converted.push_str(latin);
        } else if character.is_whitespace() {
            converted.push(' ');
        } else if !is_combining_mark(character) {
            converted.push(PLACEHOLDER);
        }
    }
    // Every character is ASCII by now, so characters and bytes are the same.
    let truncated: String = converted.trim().chars().take(maximum_characters).collect();
    truncated.trim_end().to_owned()
}

fn transliterate(character: char) -> Option<&'static str> {
    serbian_cyrillic(character).or_else(|| latin_without_decomposition(character))
}

/// Serbian Cyrillic (Vuk Karadžić's 30 letters) as Serbian Latin without its accents: ђ is "dj",
/// the usual spelling where đ cannot be written. Macedonian ѓ and ќ decompose to г and к first.
#[rustfmt::skip]
fn serbian_cyrillic(character: char) -> Option<&'static str> {
    let latin = match character {
        'А' => "A", 'а' => "a", 'Б' => "B", 'б' => "b", 'В' => "V", 'в' => "v",
        'Г' => "G", 'г' => "g", 'Д' => "D", 'д' => "d", 'Ђ' => "Dj", 'ђ' => "dj",
        'Е' => "E", 'е' => "e", 'Ж' => "Z", 'ж' => "z", 'З' => "Z", 'з' => "z",
        'И' => "I", 'и' => "i", 'Ј' => "J", 'ј' => "j", 'К' => "K", 'к' => "k",
        'Л' => "L", 'л' => "l", 'Љ' => "Lj", 'љ' => "lj", 'М' => "M", 'м' => "m",
        'Н' => "N", 'н' => "n", 'Њ' => "Nj", 'њ' => "nj", 'О' => "O", 'о' => "o",
        'П' => "P", 'п' => "p", 'Р' => "R", 'р' => "r", 'С' => "S", 'с' => "s",
        'Т' => "T", 'т' => "t", 'Ћ' => "C", 'ћ' => "c", 'У' => "U", 'у' => "u",
        'Ф' => "F", 'ф' => "f", 'Х' => "H", 'х' => "h", 'Ц' => "C", 'ц' => "c",
        'Ч' => "C", 'ч' => "c", 'Џ' => "Dz", 'џ' => "dz", 'Ш' => "S", 'ш' => "s",
        _ => return None,
    };
    Some(latin)
}

/// Latin letters that are not a base letter with an accent, and punctuation with a near
/// equivalent in the set (`&` reads as "and", so `+`).
#[rustfmt::skip]
fn latin_without_decomposition(character: char) -> Option<&'static str> {
    let latin = match character {
        'Đ' => "Dj", 'đ' => "dj", 'Ð' => "D", 'ð' => "d", 'ß' => "ss", 'Æ' => "AE", 'æ' => "ae",
        'Ø' => "O", 'ø' => "o", 'Œ' => "OE", 'œ' => "oe", 'Ł' => "L", 'ł' => "l", 'Þ' => "Th",
        'þ' => "th", 'ı' => "i", 'Ħ' => "H", 'ħ' => "h",
        '&' => "+", '‘' | '’' | 'ʼ' | '`' | '´' => "'", '"' | '“' | '”' | '„' | '«' | '»' => "'",
        '‐' | '‑' | '‒' | '–' | '—' | '_' => "-", ';' => ",",
        _ => return None,
    };
    Some(latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn albanian_letters_lose_their_accents() {
        assert_eq!(
            to_sepa_text("Drita Çeliku-Krasniqi, Fushë Kosovë", 70),
            "Drita Celiku-Krasniqi, Fushe Kosove"
        );
    }

    #[test]
    fn serbian_cyrillic_is_written_in_latin_letters() {
        assert_eq!(to_sepa_text("Ђорђе Петровић", 70), "Djordje Petrovic");
        assert_eq!(
            to_sepa_text("Љиљана Њежић Џамић", 70),
            "Ljiljana Njezic Dzamic"
        );
    }

    #[test]
    fn serbian_latin_letters_lose_their_accents_and_dj_is_spelled_out() {
        assert_eq!(
            to_sepa_text("Đorđe Petrović Šćepanović Žarko Čolić", 70),
            "Djordje Petrovic Scepanovic Zarko Colic"
        );
    }

    #[test]
    fn other_european_letters_are_written_as_their_base_letter() {
        assert_eq!(
            to_sepa_text("José Müller-Straße Øster Łódź", 70),
            "Jose Muller-Strasse Oster Lodz"
        );
    }

    #[test]
    fn punctuation_outside_the_set_gets_its_nearest_equivalent_or_a_placeholder() {
        assert_eq!(
            to_sepa_text("Smith & Sons “Ltd” #2", 70),
            "Smith + Sons 'Ltd' .2"
        );
        assert_eq!(to_sepa_text("李 Wei", 70), ". Wei");
    }

    #[test]
    fn line_breaks_and_tabs_become_spaces_and_the_ends_are_trimmed() {
        assert_eq!(to_sepa_text("  Drita\tKrasniqi\n", 70), "Drita Krasniqi");
    }

    #[test]
    fn long_names_are_cut_to_the_maximum_without_a_trailing_space() {
        let name = format!("{} Krasniqi", "a".repeat(69));
        assert_eq!(to_sepa_text(&name, 70), "a".repeat(69));
        assert_eq!(to_sepa_text(&"ë".repeat(100), 70), "e".repeat(70));
    }

    #[test]
    fn every_converted_character_is_in_the_sepa_set() {
        let text = "Ђорђе Ωμέγα Çeliku 😀 <a href=\"x\">&amp;</a>\u{202E}\u{0}";
        assert!(to_sepa_text(text, 140).chars().all(is_sepa_character));
    }
}
