//! The HTML writer: a [`Document`] as one self-contained HTML file (the
//! stylesheet `html.css` inline, charts as inline SVG, nothing to fetch;
//! prints on A4). Tables carry `data-table`, `data-key` and `data-field`
//! attributes, so a script (or a test) can find any figure. Everything is
//! written through `markup::Markup`, which escapes all that is not markup.
//! Amounts and counts are written in the document's language
//! ([`Cell::shown`](super::document::Cell::shown)); the stylesheet uses logical properties only
//! (`text-align: end`, `padding-inline`), so a right-to-left page mirrors.

use std::io::{self, Write};

use super::Gated;
use super::document::{Block, Column, ColumnKind, Document, Table};
use super::markup::Markup;
use super::svg;
use crate::domain::lang::Lang;

/// The page's stylesheet.
const STYLE: &str = include_str!("html.css");

/// Writes the document as one HTML file.
///
/// # Errors
/// When `out` fails.
pub fn write(out: impl Write, doc: &Gated<Document>) -> io::Result<()> {
    write_in(out, doc, doc.get().lang.dir())
}

/// Writes the document as [`write`](fn@write) does, but laid out right to left
/// whatever its language: how a page of a right-to-left language will look
/// (its `<html dir="rtl">` and the stylesheet's logical properties), to
/// check the layout before such a language is added (`tests/forum_lang.rs`).
///
/// # Errors
/// When `out` fails.
pub fn write_right_to_left(out: impl Write, doc: &Gated<Document>) -> io::Result<()> {
    write_in(out, doc, "rtl")
}

fn write_in(out: impl Write, doc: &Gated<Document>, dir: &str) -> io::Result<()> {
    let doc = doc.get();
    let lang = doc.lang;
    let mut h = Markup::new(out);
    h.raw("<!DOCTYPE html>\n")?
        .open("html", &[("lang", lang.tag()), ("dir", dir)])?
        .raw("\n<head>\n<meta charset=\"utf-8\">\n")?
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")?
        .element("title", &[], &doc.title)?
        .raw("\n<style>\n")?
        .raw(STYLE)?
        .raw("</style>\n</head>\n<body>\n<main>\n<header>\n")?
        .element("h1", &[], &doc.heading)?
        .raw("\n")?
        .element("p", &[("class", "subtitle")], &doc.subtitle)?
        .raw("\n</header>\n")?;
    for section in &doc.sections {
        h.open("section", &[("id", section.id)])?
            .raw("\n")?
            .element("h2", &[], &section.heading)?
            .raw("\n")?;
        for block in &section.blocks {
            write_block(&mut h, lang, block)?;
        }
        h.raw("</section>\n")?;
    }
    h.raw("<footer>\n")?
        .element("p", &[], &doc.footer)?
        .raw("\n</footer>\n</main>\n</body>\n</html>\n")?;
    h.flush()
}

fn write_block<W: Write>(h: &mut Markup<W>, lang: Lang, block: &Block) -> io::Result<()> {
    match block {
        Block::Paragraph(text) => {
            h.element("p", &[], text)?.raw("\n")?;
        }
        Block::Subheading(text) => {
            h.element("h3", &[], text)?.raw("\n")?;
        }
        Block::Table(table) => write_table(h, lang, table)?,
        Block::Figures(figures) => {
            h.raw("<div class=\"charts\">\n")?;
            for figure in figures {
                h.raw("<div class=\"chart\">")?
                    .element("h3", &[], &figure.heading)?;
                svg::write_chart(h, lang, &figure.chart)?;
                write_table(h, lang, &figure.table)?;
                h.raw("</div>\n")?;
            }
            h.raw("</div>\n")?;
        }
        Block::Hash { label, value } => {
            h.raw("<div class=\"hash\">")?
                .text(label)?
                .open("code", &[("data-hash", label)])?
                .text(value)?
                .close("code")?
                .raw("</div>\n")?;
        }
    }
    Ok(())
}

/// A table; a Long column goes on a line of its own under its row, the
/// two rows grouped in a `tbody`.
fn write_table<W: Write>(h: &mut Markup<W>, lang: Lang, table: &Table) -> io::Result<()> {
    let class = |c: &Column| match c.kind {
        ColumnKind::Text | ColumnKind::Long => "",
        ColumnKind::Name => "name",
        ColumnKind::Figure => "num",
    };
    let (long, short): (Vec<_>, Vec<_>) = table
        .columns
        .iter()
        .enumerate()
        .partition(|(_, c)| c.kind == ColumnKind::Long);
    let span = short.len().to_string();
    h.raw("<div class=\"table\">")?
        .open(
            "table",
            &[
                ("data-table", table.name),
                ("class", if table.narrow { "narrow" } else { "" }),
            ],
        )?
        .raw("<thead><tr>")?;
    for (_, c) in &short {
        h.element("th", &[("class", class(c))], &c.title)?;
    }
    h.raw("</tr></thead>\n")?;
    if long.is_empty() {
        h.raw("<tbody>\n")?;
    }
    for row in &table.rows {
        if !long.is_empty() {
            h.raw("<tbody>")?;
        }
        h.open("tr", &[("data-key", &row.key)])?;
        for (i, c) in &short {
            let cell = row.cells.get(*i).map(|c| c.shown(lang)).unwrap_or_default();
            h.element("td", &[("class", class(c)), ("data-field", c.field)], &cell)?;
        }
        h.raw("</tr>")?;
        for (i, c) in &long {
            let cell = row.cells.get(*i).map(|c| c.shown(lang)).unwrap_or_default();
            h.raw("<tr class=\"note\">")?
                .open("td", &[("colspan", &span), ("data-field", c.field)])?
                .element("span", &[("class", "label")], &c.title)?
                .text(": ")?
                .text(&cell)?
                .raw("</td></tr>")?;
        }
        if long.is_empty() {
            h.raw("\n")?;
        } else {
            h.raw("</tbody>\n")?;
        }
    }
    if long.is_empty() {
        h.raw("</tbody>")?;
    }
    h.raw("</table></div>\n")?;
    Ok(())
}
