//! The SVG writer: a [`BarChart`] as an inline SVG bar chart, for the HTML
//! writer. Bars are whole pixels computed from whole minor units, so no
//! money is ever a float; the scale's figures are in the page's language.
//! The chart is drawn left to right in every language (its axis on the
//! left, months in time order): the stylesheet keeps it `direction: ltr`.

use std::io::{self, Write};

use super::document::{BarChart, Tone};
use super::markup::Markup;
use crate::domain::lang::Lang;
use crate::domain::money::Money;

/// Height in pixels of `value` on a scale where `max` is `height`; whole
/// pixels from whole minor units, so no money is ever a float.
fn bar_height(value: i128, max: i128, height: i128) -> i128 {
    if value <= 0 || max <= 0 {
        0
    } else {
        (value * height / max).max(1)
    }
}

/// The colour classes of the stylesheet.
fn class(tone: Tone) -> &'static str {
    match tone {
        Tone::In => "in",
        Tone::Out => "out",
    }
}

/// Writes the chart as a `figure` holding an `svg`: a legend, the scale
/// (zero and the largest bar's figure), then each group's bars side by
/// side over its label.
pub(crate) fn write_chart<W: Write>(
    h: &mut Markup<W>,
    lang: Lang,
    chart: &BarChart,
) -> io::Result<()> {
    const LEFT: i128 = 72;
    const TOP: i128 = 28;
    const PLOT: i128 = 170;
    const BAR: i128 = 28;
    /// Between the bars of a group.
    const GAP: i128 = 6;
    /// Between groups.
    const SPACE: i128 = 22;
    /// From one legend entry to the next.
    const LEGEND: i128 = 50;
    let bars = chart.series.len() as i128;
    let bars_width = bars * BAR + (bars - 1).max(0) * GAP;
    let group = bars_width + SPACE;
    let width = LEFT + chart.groups.len() as i128 * group + 16;
    let height = TOP + PLOT + 44;
    let values = || chart.groups.iter().flat_map(|g| &g.bars).map(|b| b.value);
    let max = values().map(|v| v.minor()).max().unwrap_or(0);
    let decimals = values().next().map_or(0, |v| v.decimals());
    let s = |v: i128| v.to_string();
    let base = TOP + PLOT;
    h.open("figure", &[("data-chart", &chart.key)])?
        .open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("viewBox", &format!("0 0 {width} {height}")),
                ("width", &s(width)),
                ("height", &s(height)),
                ("role", "img"),
            ],
        )?
        .element("title", &[], &chart.description)?;
    for (j, series) in chart.series.iter().enumerate() {
        let x = LEFT + j as i128 * LEGEND;
        h.open(
            "rect",
            &[
                ("class", class(series.tone)),
                ("x", &s(x)),
                ("y", "6"),
                ("width", "12"),
                ("height", "12"),
            ],
        )?
        .close("rect")?
        .element("text", &[("x", &s(x + 18)), ("y", "17")], &series.label)?;
    }
    let top_label = lang.page_money(Money::stored(max, decimals));
    h.open(
        "line",
        &[
            ("class", "grid"),
            ("x1", &s(LEFT)),
            ("x2", &s(width - 8)),
            ("y1", &s(TOP)),
            ("y2", &s(TOP)),
        ],
    )?
    .close("line")?
    .element(
        "text",
        &[
            ("x", &s(LEFT - 6)),
            ("y", &s(TOP + 4)),
            ("text-anchor", "end"),
        ],
        &top_label,
    )?
    .element(
        "text",
        &[
            ("x", &s(LEFT - 6)),
            ("y", &s(base + 4)),
            ("text-anchor", "end"),
        ],
        &lang.page_money(Money::stored(0, decimals)),
    )?;
    for (k, bar_group) in chart.groups.iter().enumerate() {
        let x = LEFT + k as i128 * group + SPACE / 2;
        for (j, (bar, series)) in bar_group.bars.iter().zip(&chart.series).enumerate() {
            let tall = bar_height(bar.value.minor(), max, PLOT);
            h.open(
                "rect",
                &[
                    ("class", class(series.tone)),
                    ("x", &s(x + j as i128 * (BAR + GAP))),
                    ("y", &s(base - tall)),
                    ("width", &s(BAR)),
                    ("height", &s(tall)),
                ],
            )?
            .element("title", &[], &bar.title)?
            .close("rect")?;
        }
        h.element(
            "text",
            &[
                ("x", &s(x + bars_width / 2)),
                ("y", &s(base + 20)),
                ("text-anchor", "middle"),
            ],
            &bar_group.label,
        )?;
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
    )?
    .close("line")?
    .close("svg")?
    .close("figure")?
    .raw("\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
