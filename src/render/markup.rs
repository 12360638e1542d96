//! HTML and SVG written to any `io::Write` through methods that escape what
//! is not markup: tags, attribute names and markup come only from
//! `&'static str` (the writers' own literals), every text and attribute
//! value is escaped, so nothing from the fund's data can become markup.
//! The escaping is pulldown-cmark's (`pulldown-cmark-escape`): `&`, `<`,
//! `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`,
//! which is safe in element content and in double-quoted attribute values.

use std::io::{self, Write};

use pulldown_cmark_escape::{IoWriter, escape_html};

/// Writes markup and escaped text; every method returns the writer again,
/// so an element reads as a chain of `?`.
pub(crate) struct Markup<W: Write> {
    out: W,
}

impl<W: Write> Markup<W> {
    pub(crate) fn new(out: W) -> Self {
        Markup { out }
    }

    /// Markup, as written in the writers' source.
    pub(crate) fn raw(&mut self, markup: &'static str) -> io::Result<&mut Self> {
        self.out.write_all(markup.as_bytes())?;
        Ok(self)
    }

    /// Text, escaped.
    pub(crate) fn text(&mut self, text: &str) -> io::Result<&mut Self> {
        escape_html(IoWriter(&mut self.out), text)?;
        Ok(self)
    }

    /// An opening tag with attributes, their values escaped.
    pub(crate) fn open(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, &str)],
    ) -> io::Result<&mut Self> {
        write!(self.out, "<{tag}")?;
        for (name, value) in attributes {
            write!(self.out, " {name}=\"")?;
            escape_html(IoWriter(&mut self.out), value)?;
            self.out.write_all(b"\"")?;
        }
        self.out.write_all(b">")?;
        Ok(self)
    }

    pub(crate) fn close(&mut self, tag: &'static str) -> io::Result<&mut Self> {
        write!(self.out, "</{tag}>")?;
        Ok(self)
    }

    /// An element holding text.
    pub(crate) fn element(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, &str)],
        text: &str,
    ) -> io::Result<&mut Self> {
        self.open(tag, attributes)?.text(text)?.close(tag)
    }

    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(write: impl FnOnce(&mut Markup<&mut Vec<u8>>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut Markup::new(&mut out)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            written(|m| m.text(r#"<b>"Tom" & 'Jerry'</b>"#).map(drop)),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        assert_eq!(
            written(|m| m
                .element("td", &[("data-key", "a\"><script>")], "<script>x</script>")
                .map(drop)),
            "<td data-key=\"a&quot;&gt;&lt;script&gt;\">&lt;script&gt;x&lt;/script&gt;</td>"
        );
    }
}
