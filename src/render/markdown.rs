//! The Markdown writer: a [`Document`] as Markdown (GitHub's tables), to
//! any `io::Write`. Every text is escaped (`md_text`), so nothing from
//! the fund's data can become markup; hashes are code blocks.

use std::io::{self, Write};

use super::Gated;
use super::document::{Block, ColumnKind, Document, Table};
use crate::domain::lang::Lang;

/// Escapes text for Markdown: every character that could start markup is
/// backslash-escaped, and line breaks become spaces (a cell or a paragraph
/// is one line).
fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// Writes the document as Markdown.
///
/// # Errors
/// When `out` fails.
pub fn write(mut out: impl Write, doc: &Gated<Document>) -> io::Result<()> {
    let doc = doc.get();
    writeln!(out, "# {}\n", md_text(&doc.heading))?;
    writeln!(out, "{}\n", md_text(&doc.subtitle))?;
    for section in &doc.sections {
        writeln!(out, "## {}\n", md_text(&section.heading))?;
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => writeln!(out, "{}\n", md_text(text))?,
                Block::Subheading(text) => writeln!(out, "### {}\n", md_text(text))?,
                Block::Table(table) => write_table(&mut out, doc.lang, table)?,
                Block::Figures(figures) => {
                    for figure in figures {
                        writeln!(out, "### {}\n", md_text(&figure.heading))?;
                        write_table(&mut out, doc.lang, &figure.table)?;
                    }
                }
                Block::Hash { label, value } => {
                    writeln!(out, "{}:\n\n    {}\n", md_text(label), value)?;
                }
            }
        }
    }
    writeln!(out, "---\n\n{}", md_text(&doc.footer))?;
    out.flush()
}

fn write_table(out: &mut impl Write, lang: Lang, table: &Table) -> io::Result<()> {
    let header: Vec<String> = table.columns.iter().map(|c| md_text(&c.title)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = table
        .columns
        .iter()
        .map(|c| {
            if c.kind == ColumnKind::Figure {
                "--:"
            } else {
                "---"
            }
        })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in &table.rows {
        let cells: Vec<String> = row.cells.iter().map(|c| md_text(&c.shown(lang))).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;
    use crate::render::document::{Cell, Column, Section, TableRow};

    #[test]
    fn escapes_markdown() {
        assert_eq!(
            md_text("a|b *c* [d](e) <f>\nx"),
            r"a\|b \*c\* \[d\](e) \<f\> x"
        );
        assert_eq!(md_text("1200.00 USD"), "1200.00 USD");
    }

    #[test]
    fn lays_out_a_document() {
        let doc = Document {
            lang: crate::domain::lang::Lang::En,
            title: "Fund: page".into(),
            heading: "Fund".into(),
            subtitle: "a *page*".into(),
            sections: vec![Section {
                id: "one",
                heading: "One".into(),
                blocks: vec![
                    Block::Paragraph("Text.".into()),
                    Block::Table(Table {
                        name: "t",
                        narrow: false,
                        columns: vec![
                            Column {
                                title: "Name".into(),
                                field: "name",
                                kind: ColumnKind::Name,
                            },
                            Column {
                                title: "Amount".into(),
                                field: "amount",
                                kind: ColumnKind::Figure,
                            },
                        ],
                        rows: vec![TableRow {
                            key: "a".into(),
                            cells: vec![
                                Cell::Text("a|b".into()),
                                Cell::Money(Money::stored(-150, 2)),
                            ],
                        }],
                    }),
                    Block::Hash {
                        label: "Head".into(),
                        value: "ab12".into(),
                    },
                ],
            }],
            footer: "Made by fondo.".into(),
        };
        let mut out = Vec::new();
        write(&mut out, &crate::render::Gate::books().pass(doc)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "# Fund\n\na \\*page\\*\n\n## One\n\nText.\n\n\
             | Name | Amount |\n|---|--:|\n| a\\|b | -1.50 |\n\n\
             Head:\n\n    ab12\n\n---\n\nMade by fondo.\n"
        );
    }
}
