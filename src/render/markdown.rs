//! The Markdown writer: a [`Document`] as Markdown (GitHub's tables), to
//! any `io::Write`. Every text is escaped with [`md_text`], so nothing from
//! the fund's data can become markup; hashes are code blocks.

use std::io::{self, Write};

use super::document::{Block, ColumnKind, Document, Table};

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
pub fn write(mut out: impl Write, doc: &Document) -> io::Result<()> {
    writeln!(out, "# {}\n", md_text(&doc.title))?;
    writeln!(out, "{}\n", md_text(&doc.subtitle))?;
    for section in &doc.sections {
        writeln!(out, "## {}\n", md_text(&section.heading))?;
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => writeln!(out, "{}\n", md_text(text))?,
                Block::Subheading(text) => writeln!(out, "### {}\n", md_text(text))?,
                Block::Table(table) => write_table(&mut out, table)?,
                Block::Charts(charts) => {
                    for chart in charts {
                        writeln!(out, "### {}\n", md_text(&chart.commodity))?;
                        write_table(&mut out, &chart.table)?;
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

fn write_table(out: &mut impl Write, table: &Table) -> io::Result<()> {
    let header: Vec<String> = table.columns.iter().map(|c| md_text(c.title)).collect();
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
        let cells: Vec<String> = row.cells.iter().map(|c| md_text(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown() {
        assert_eq!(
            md_text("a|b *c* [d](e) <f>\nx"),
            r"a\|b \*c\* \[d\](e) \<f\> x"
        );
        assert_eq!(md_text("1200.00 USD"), "1200.00 USD");
    }
}
