//! The page oracle of the forum tests: headless chromium (Debian's
//! `chromium`) renders a page to a PNG or to its DOM, and the figures of a
//! page are read back from the DOM by the `data-table`, `data-key` and
//! `data-field` attributes the HTML writer puts on its tables. Without
//! chromium, [`browser`] says the test is skipped (see [`super::oracle`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::TempDir;

/// chromium, when it is installed (see [`super::oracle`]).
pub fn browser() -> Option<PathBuf> {
    super::oracle("chromium", "apt-get install chromium")
}

/// Runs headless `chromium` on a local file with extra arguments; returns
/// standard output.
pub fn chromium(chromium: &Path, page: &Path, extra: &[String]) -> String {
    let profile = TempDir::new().unwrap();
    let mut cmd = assert_cmd::Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .arg(format!("file://{}", page.display()))
    .timeout(Duration::from_secs(120));
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("chromium did not run: {e}"));
    assert!(
        out.status.success(),
        "chromium failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("chromium's output is UTF-8")
}

/// The text of the cell `field` of the row `key` in a table named `table`
/// (there may be several: one per currency) in chromium's serialization of
/// the page.
pub fn cell(dom: &str, table: &str, key: &str, field: &str) -> Option<String> {
    let marker = format!("data-table=\"{table}\"");
    dom.match_indices(&marker).find_map(|(start, _)| {
        let table_html = &dom[start..start + dom[start..].find("</table>")?];
        let row_at = table_html.find(&format!("<tr data-key=\"{key}\">"))?;
        let row = &table_html[row_at..row_at + table_html[row_at..].find("</tr>")?];
        let field = format!("data-field=\"{field}\">");
        let at = row.find(&field)? + field.len();
        Some(row[at..at + row[at..].find("</td>")?].to_owned())
    })
}

/// Counts pixels of a PNG: (all, not white, near `in`, near `out`).
pub fn pixels(png: &Path) -> (usize, usize, usize, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "an RGB screenshot: {:?}", info.color_type);
    let near = |p: &[u8], c: [u8; 3]| p.iter().zip(c).all(|(a, b)| a.abs_diff(b) <= 12);
    let (mut all, mut ink, mut inflow, mut outflow) = (0, 0, 0, 0);
    for p in buf[..info.buffer_size()].chunks(channels) {
        all += 1;
        ink += usize::from(p[..3].iter().any(|&v| v < 235));
        inflow += usize::from(near(&p[..3], [0x2f, 0x6f, 0x5e]));
        outflow += usize::from(near(&p[..3], [0xd9, 0x82, 0x2b]));
    }
    (all, ink, inflow, outflow)
}
