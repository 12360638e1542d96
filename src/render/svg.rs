//! The SVG writer: a [`Chart`] as an inline SVG bar chart, for the HTML
//! writer. Bars are whole pixels computed from whole minor units, so no
//! money is ever a float.

use std::io::{self, Write};

use super::document::Chart;
use super::markup::Markup;
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

/// Writes the chart as a `figure` holding an `svg`.
pub(crate) fn write_chart<W: Write>(h: &mut Markup<W>, chart: &Chart) -> io::Result<()> {
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
    h.open("figure", &[("data-chart", &chart.commodity)])?
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
        .element("title", &[], &title)?;
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
    )?
    .close("rect")?
    .element("text", &[("x", &s(LEFT + 18)), ("y", "17")], "in")?
    .open(
        "rect",
        &[
            ("class", "out"),
            ("x", &s(LEFT + 50)),
            ("y", "6"),
            ("width", "12"),
            ("height", "12"),
        ],
    )?
    .close("rect")?
    .element("text", &[("x", &s(LEFT + 68)), ("y", "17")], "out")?;
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
        &Money { minor: 0, decimals }.to_string(),
    )?;
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
            )?
            .element("title", &[], &format!("{month} {class}: {value}"))?
            .close("rect")?;
        }
        h.element(
            "text",
            &[
                ("x", &s(x + BAR + 3)),
                ("y", &s(base + 20)),
                ("text-anchor", "middle"),
            ],
            month,
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
