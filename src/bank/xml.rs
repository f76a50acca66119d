//! A writer for the one XML document we produce, written by hand rather than with quick-xml: the
//! shape of a pain.001 is fixed, its text is already limited to the SEPA character set, and forty
//! lines that can only nest elements properly keep every byte of the output (declaration,
//! indentation, escaping) under our control across dependency upgrades, which a file the bank
//! must receive identically on a repeated export depends on.

use std::borrow::Cow;

pub struct XmlWriter {
    output: String,
    depth: usize,
}

impl XmlWriter {
    pub fn new() -> Self {
        XmlWriter {
            output: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".to_owned(),
            depth: 0,
        }
    }

    /// An element with child elements, written by `content`; attributes' values are escaped.
    pub fn element(
        &mut self,
        name: &'static str,
        attributes: &[(&'static str, &str)],
        content: impl FnOnce(&mut Self),
    ) {
        self.start_tag(name, attributes);
        self.output.push('\n');
        self.depth += 1;
        content(self);
        self.depth -= 1;
        self.indent();
        self.end_tag(name);
    }

    /// An element holding only text.
    pub fn text(&mut self, name: &'static str, text: &str) {
        self.text_with(name, &[], text);
    }

    pub fn text_with(
        &mut self,
        name: &'static str,
        attributes: &[(&'static str, &str)],
        text: &str,
    ) {
        self.start_tag(name, attributes);
        self.output.push_str(&escape(text));
        self.end_tag(name);
    }

    pub fn finish(self) -> String {
        self.output
    }

    fn start_tag(&mut self, name: &'static str, attributes: &[(&'static str, &str)]) {
        self.indent();
        self.output.push('<');
        self.output.push_str(name);
        for (attribute, value) in attributes {
            self.output
                .push_str(&format!(" {attribute}=\"{}\"", escape(value)));
        }
        self.output.push('>');
    }

    fn end_tag(&mut self, name: &'static str) {
        self.output.push_str("</");
        self.output.push_str(name);
        self.output.push_str(">\n");
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.output.push_str("  ");
        }
    }
}

/// Text and attribute values with the five characters XML gives meaning to escaped.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            other => escaped.push(other),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_special_characters_are_escaped() {
        assert_eq!(
            escape(r#"Tom & Jerry's <"shop">"#),
            "Tom &amp; Jerry&apos;s &lt;&quot;shop&quot;&gt;"
        );
        assert!(matches!(escape("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn elements_nest_with_two_spaces_and_escape_text_and_attributes() {
        let mut writer = XmlWriter::new();
        writer.element("Doc", &[("note", "a\"b")], |writer| {
            writer.text("Nm", "O'Brien & Co <Ltd>");
            writer.element("Amt", &[], |writer| {
                writer.text_with("InstdAmt", &[("Ccy", "EUR")], "1.00")
            });
        });
        assert_eq!(
            writer.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <Doc note=\"a&quot;b\">\n\
             \x20\x20<Nm>O&apos;Brien &amp; Co &lt;Ltd&gt;</Nm>\n\
             \x20\x20<Amt>\n\
             \x20\x20\x20\x20<InstdAmt Ccy=\"EUR\">1.00</InstdAmt>\n\
             \x20\x20</Amt>\n\
             </Doc>\n"
        );
    }
}
