//! The open-forum page: one self-contained HTML file (inline CSS and SVG, no
//! network, prints on A4) or the same content as Markdown.
//!
//! The page is built in two steps. `report::forum::document` turns the
//! report's data into the small document model defined here — sections of
//! paragraphs, tables, charts and hashes, every figure already written out —
//! and the two writers ([`html`], [`markdown`]) only lay that model out, so
//! the two formats cannot say different things.
//!
//! Escaping is done in one place per format: [`Html`] writes markup only
//! from `&'static str` and escapes everything else (text and attribute
//! values), so nothing from the fund's data can become markup; [`md_text`]
//! does the same for Markdown. Tables carry `data-table`, `data-key` and
//! `data-field` attributes, so a script (or a test) can find any figure.

use std::fmt::Write as _;

use crate::domain::money::Money;

/// The page's content, ready to be laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The HTML id (a fixed word).
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// A small heading inside a section.
    Subheading(String),
    Table(Table),
    /// Charts side by side, one per currency.
    Charts(Vec<Chart>),
    /// A hash, shown whole in a monospace font, with what it is.
    Hash {
        label: String,
        value: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Names the table for scripts (`data-table`).
    pub name: &'static str,
    /// A short list, as wide as its content rather than the page.
    pub narrow: bool,
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    /// Names the column for scripts (`data-field`).
    pub field: &'static str,
    pub kind: ColumnKind,
}

/// How a column's cells are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Words that may wrap.
    Text,
    /// A name or code, kept on one line.
    Name,
    /// A figure, right-aligned.
    Figure,
    /// A long explanation: in HTML, a line of its own under the row.
    Long,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// Names the row for scripts (`data-key`), e.g. `food|USD`.
    pub key: String,
    pub cells: Vec<String>,
}

/// Money in and out per month, in one currency, with its figures as a
/// table (what Markdown shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub commodity: String,
    /// (month, in, out)
    pub months: Vec<(String, Money, Money)>,
    pub table: Table,
}

/// HTML written only through methods that escape what is not markup.
struct Html {
    out: String,
}

/// Escapes text for HTML element content and double-quoted attributes:
/// `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and
/// `&#39;` (pulldown-cmark's escaper, the one its HTML writer uses).
fn escape(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(out, text).expect("writing to a String cannot fail");
}

impl Html {
    /// Markup, as written in this file.
    fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Text, escaped.
    fn text(&mut self, text: &str) -> &mut Self {
        escape(&mut self.out, text);
        self
    }

    /// An opening tag with attributes, their values escaped.
    fn open(&mut self, tag: &'static str, attributes: &[(&'static str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    fn close(&mut self, tag: &'static str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// An element holding text.
    fn element(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attributes).text(text).close(tag)
    }
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d232a; --soft: #4a5561; --line: #d5dbe1; --head: #eef2f4; --in: #2f6f5e; --out: #d9822b; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header { border-bottom: 4px solid var(--in); padding-bottom: 1rem; }
h1 { font-size: 2rem; margin: 0 0 .3rem; }
.subtitle { color: var(--soft); margin: 0; }
section { margin-top: 2.2rem; }
h2 { font-size: 1.35rem; margin: 0 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
p { margin: .5rem 0; max-width: 52rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .6rem 0 1rem; }
th, td { padding: .3rem .4rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { white-space: nowrap; }
tr.note td { color: var(--soft); padding-top: 0; padding-bottom: .5rem; }
tr:has(+ tr.note) td { border-bottom: none; padding-bottom: .1rem; }
tr.note .label { font-weight: 600; color: var(--ink); }
table.narrow { width: auto; min-width: 16rem; }
.charts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: flex-start; }
.chart { flex: 0 1 auto; max-width: 100%; }
figure { margin: .3rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
svg text { font-size: 12px; fill: var(--ink); font-family: inherit; }
svg .in { fill: var(--in); }
svg .out { fill: var(--out); }
svg .axis { stroke: var(--soft); stroke-width: 1; }
svg .grid { stroke: var(--line); stroke-width: 1; stroke-dasharray: 4 3; }
.hash { margin: .8rem 0; }
.hash code { display: block; margin-top: .2rem; padding: .45rem .6rem; background: #f4f6f8; border: 1px solid var(--line); font: 1rem/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; word-break: break-all; }
footer { margin-top: 2.5rem; padding-top: .8rem; border-top: 1px solid var(--line); color: var(--soft); font-size: .85rem; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  header { border-bottom-width: 2pt; }
  section { margin-top: 1.2rem; }
  h2, h3 { break-after: avoid; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  tr, figure, .hash { break-inside: avoid; }
  th { background: none; border-bottom: 1.5pt solid var(--ink); }
  .table { overflow: visible; }
  svg, .hash code { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"#;

/// The page as one self-contained HTML file.
pub fn html(doc: &Document) -> String {
    let mut h = Html { out: String::new() };
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .element("title", &[], &format!("{}: {}", doc.title, doc.subtitle))
        .raw("\n<style>")
        .raw(STYLE)
        .raw("</style>\n</head>\n<body>\n<main>\n<header>\n")
        .element("h1", &[], &doc.title)
        .raw("\n")
        .element("p", &[("class", "subtitle")], &doc.subtitle)
        .raw("\n</header>\n");
    for section in &doc.sections {
        h.open("section", &[("id", section.id)])
            .raw("\n")
            .element("h2", &[], &section.heading)
            .raw("\n");
        for block in &section.blocks {
            html_block(&mut h, block);
        }
        h.raw("</section>\n");
    }
    h.raw("<footer>\n")
        .element("p", &[], &doc.footer)
        .raw("\n</footer>\n</main>\n</body>\n</html>\n");
    h.out
}

fn html_block(h: &mut Html, block: &Block) {
    match block {
        Block::Paragraph(text) => {
            h.element("p", &[], text).raw("\n");
        }
        Block::Subheading(text) => {
            h.element("h3", &[], text).raw("\n");
        }
        Block::Table(table) => html_table(h, table),
        Block::Charts(charts) => {
            h.raw("<div class=\"charts\">\n");
            for chart in charts {
                h.raw("<div class=\"chart\">")
                    .element("h3", &[], &chart.commodity);
                html_chart(h, chart);
                html_table(h, &chart.table);
                h.raw("</div>\n");
            }
            h.raw("</div>\n");
        }
        Block::Hash { label, value } => {
            h.raw("<div class=\"hash\">")
                .text(label)
                .open("code", &[("data-hash", label)])
                .text(value)
                .close("code")
                .raw("</div>\n");
        }
    }
}

/// A table; a Long column goes on a line of its own under its row, the
/// two rows grouped in a `tbody`.
fn html_table(h: &mut Html, table: &Table) {
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
    h.raw("<div class=\"table\">")
        .open(
            "table",
            &[
                ("data-table", table.name),
                ("class", if table.narrow { "narrow" } else { "" }),
            ],
        )
        .raw("<thead><tr>");
    for (_, c) in &short {
        h.element("th", &[("class", class(c))], c.title);
    }
    h.raw("</tr></thead>\n");
    if long.is_empty() {
        h.raw("<tbody>\n");
    }
    for row in &table.rows {
        if !long.is_empty() {
            h.raw("<tbody>");
        }
        h.open("tr", &[("data-key", &row.key)]);
        for (i, c) in &short {
            let cell = row.cells.get(*i).map_or("", String::as_str);
            h.element("td", &[("class", class(c)), ("data-field", c.field)], cell);
        }
        h.raw("</tr>");
        for (i, c) in &long {
            let cell = row.cells.get(*i).map_or("", String::as_str);
            h.raw("<tr class=\"note\">")
                .open("td", &[("colspan", &span), ("data-field", c.field)])
                .element("span", &[("class", "label")], c.title)
                .text(": ")
                .text(cell)
                .raw("</td></tr>");
        }
        if long.is_empty() {
            h.raw("\n");
        } else {
            h.raw("</tbody>\n");
        }
    }
    if long.is_empty() {
        h.raw("</tbody>");
    }
    h.raw("</table></div>\n");
}

/// Height in pixels of `value` on a scale where `max` is `height`; whole
/// pixels from whole minor units, so no money is ever a float.
fn bar_height(value: i128, max: i128, height: i128) -> i128 {
    if value <= 0 || max <= 0 {
        0
    } else {
        (value * height / max).max(1)
    }
}

fn html_chart(h: &mut Html, chart: &Chart) {
    const LEFT: i128 = 72;
    const TOP: i128 = 28;
    const PLOT: i128 = 170;
    const GROUP: i128 = 84;
    const BAR: i128 = 28;
    let n = chart.months.len() as i128;
    let width = LEFT + n * GROUP + 16;
    let height = TOP + PLOT + 44;
    let max = chart
        .months
        .iter()
        .flat_map(|(_, i, o)| [i.minor, o.minor])
        .max()
        .unwrap_or(0);
    let decimals = chart.months.first().map_or(0, |m| m.1.decimals);
    let title = format!(
        "Money in and out per month, {}: {}",
        chart.commodity,
        chart
            .months
            .iter()
            .map(|(m, i, o)| format!("{m} in {i}, out {o}"))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let s = |v: i128| v.to_string();
    let base = TOP + PLOT;
    h.open("figure", &[("data-chart", &chart.commodity)])
        .open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("viewBox", &format!("0 0 {width} {height}")),
                ("width", &s(width)),
                ("height", &s(height)),
                ("role", "img"),
            ],
        )
        .element("title", &[], &title);
    // Legend.
    h.open(
        "rect",
        &[
            ("class", "in"),
            ("x", &s(LEFT)),
            ("y", "6"),
            ("width", "12"),
            ("height", "12"),
        ],
    )
    .close("rect")
    .element("text", &[("x", &s(LEFT + 18)), ("y", "17")], "in")
    .open(
        "rect",
        &[
            ("class", "out"),
            ("x", &s(LEFT + 50)),
            ("y", "6"),
            ("width", "12"),
            ("height", "12"),
        ],
    )
    .close("rect")
    .element("text", &[("x", &s(LEFT + 68)), ("y", "17")], "out");
    // Scale: the top line is the largest month's figure.
    let top_label = Money {
        minor: max,
        decimals,
    }
    .to_string();
    h.open(
        "line",
        &[
            ("class", "grid"),
            ("x1", &s(LEFT)),
            ("x2", &s(width - 8)),
            ("y1", &s(TOP)),
            ("y2", &s(TOP)),
        ],
    )
    .close("line")
    .element(
        "text",
        &[
            ("x", &s(LEFT - 6)),
            ("y", &s(TOP + 4)),
            ("text-anchor", "end"),
        ],
        &top_label,
    )
    .element(
        "text",
        &[
            ("x", &s(LEFT - 6)),
            ("y", &s(base + 4)),
            ("text-anchor", "end"),
        ],
        &Money { minor: 0, decimals }.to_string(),
    );
    for (k, (month, inflow, outflow)) in chart.months.iter().enumerate() {
        let x = LEFT + k as i128 * GROUP + (GROUP - 2 * BAR - 6) / 2;
        for (offset, class, value) in [(0, "in", inflow), (BAR + 6, "out", outflow)] {
            let bar = bar_height(value.minor, max, PLOT);
            h.open(
                "rect",
                &[
                    ("class", class),
                    ("x", &s(x + offset)),
                    ("y", &s(base - bar)),
                    ("width", &s(BAR)),
                    ("height", &s(bar)),
                ],
            )
            .element("title", &[], &format!("{month} {class}: {value}"))
            .close("rect");
        }
        h.element(
            "text",
            &[
                ("x", &s(x + BAR + 3)),
                ("y", &s(base + 20)),
                ("text-anchor", "middle"),
            ],
            month,
        );
    }
    h.open(
        "line",
        &[
            ("class", "axis"),
            ("x1", &s(LEFT)),
            ("x2", &s(width - 8)),
            ("y1", &s(base)),
            ("y2", &s(base)),
        ],
    )
    .close("line")
    .close("svg")
    .close("figure")
    .raw("\n");
}

/// Escapes text for Markdown: every character that could start markup is
/// backslash-escaped, and line breaks become spaces (a cell or a paragraph
/// is one line).
pub fn md_text(text: &str) -> String {
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

/// The page as Markdown.
pub fn markdown(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_text(&doc.title));
    let _ = writeln!(out, "{}\n", md_text(&doc.subtitle));
    for section in &doc.sections {
        let _ = writeln!(out, "## {}\n", md_text(&section.heading));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => {
                    let _ = writeln!(out, "{}\n", md_text(text));
                }
                Block::Subheading(text) => {
                    let _ = writeln!(out, "### {}\n", md_text(text));
                }
                Block::Table(table) => md_table(&mut out, table),
                Block::Charts(charts) => {
                    for chart in charts {
                        let _ = writeln!(out, "### {}\n", md_text(&chart.commodity));
                        md_table(&mut out, &chart.table);
                    }
                }
                Block::Hash { label, value } => {
                    let _ = writeln!(out, "{}:\n\n    {}\n", md_text(label), value);
                }
            }
        }
    }
    let _ = writeln!(out, "---\n\n{}", md_text(&doc.footer));
    out
}

fn md_table(out: &mut String, table: &Table) {
    let header: Vec<String> = table.columns.iter().map(|c| md_text(c.title)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
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
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in &table.rows {
        let cells: Vec<String> = row.cells.iter().map(|c| md_text(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_text_and_attributes() {
        let mut h = Html { out: String::new() };
        h.text(r#"<b>"Tom" & 'Jerry'</b>"#);
        assert_eq!(
            h.out,
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        let mut h = Html { out: String::new() };
        h.element("td", &[("data-key", "a\"><script>")], "<script>x</script>");
        assert_eq!(
            h.out,
            "<td data-key=\"a&quot;&gt;&lt;script&gt;\">&lt;script&gt;x&lt;/script&gt;</td>"
        );
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(
            md_text("a|b *c* [d](e) <f>\nx"),
            r"a\|b \*c\* \[d\](e) \<f\> x"
        );
        assert_eq!(md_text("1200.00 USD"), "1200.00 USD");
    }

    #[test]
    fn bars_are_whole_pixels_of_whole_units() {
        assert_eq!(bar_height(5_000, 10_000, 180), 90);
        assert_eq!(
            bar_height(1, 1_000_000, 180),
            1,
            "a tiny amount still shows"
        );
        assert_eq!(bar_height(0, 100, 180), 0);
        assert_eq!(bar_height(-5, 100, 180), 0);
        assert_eq!(bar_height(5, 0, 180), 0);
    }
}
