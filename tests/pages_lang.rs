//! The member statement and the handover in Spanish, French and Portuguese,
//! end to end: each page (the statement's HTML, the handover's HTML and
//! Markdown) says its known phrases in the language asked for, names it in
//! `<html lang>`, writes amounts and days as the language does (`1.234,50`,
//! `30 de junio de 2026`) and keeps no English of the page; the fund's
//! `language` setting is the default and `--lang` overrides it; the
//! statement's table, CSV and JSON do not change with the language; a
//! language fondo does not write is refused and changes nothing. In
//! headless chromium (when installed; see `tests/common/oracle.rs`) the
//! Spanish statement is not blank.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Fund, FundBuilder};
use tempfile::TempDir;

/// French groups digits with a narrow no-break space.
const NNBSP: char = '\u{202f}';

/// Ana gives money (more than a thousand, to show digit groups) and time
/// in kind to housing, keeps a quarterly pledge, and her treasurer's term
/// ends soon; Bruno's grant from housing is paid, Cleo's waits for a
/// decision. `language` is set to `setting` when given.
fn fund(setting: Option<&str>) -> Fund {
    let mut builder = FundBuilder::new()
        .name("Caja Solidaria")
        .currency("USD")
        .account("assets:bank")
        .setting("contribution-account", "assets:bank")
        .commodity("HOURS", 1);
    if let Some(lang) = setting {
        builder = builder.setting("language", lang);
    }
    builder
        .pool("housing", "Rent relief")
        .members(&["Ana", "Bruno", "Cleo", "Dario"])
        .role("Ana", "treasurer", "2026-01-01", Some("2026-07-15"))
        .stewards(&["Cleo", "Dario"], "2026-01-01")
        .policy(
            "housing",
            "consent --min-consents 2 --window 48h",
            "2026-01-02",
        )
        .contribution("Ana", "1234.50 USD", Some("housing"), "2026-01-15")
        .command(&[
            "contribute",
            "6",
            "HOURS",
            "--from",
            "Ana",
            "--kind",
            "cooking",
            "--pool",
            "housing",
            "--date",
            "2026-03-01",
        ])
        .command(&[
            "pledge",
            "add",
            "Ana",
            "40.00",
            "USD",
            "--every",
            "quarter",
            "--from",
            "2026-01-01",
        ])
        .application(
            "Bruno",
            "housing",
            "100.00 USD",
            "Rent for May",
            "2026-05-02T10:00",
        )
        .vote("G-0001", "consent", "Cleo", "2026-05-02T11:00")
        .vote("G-0001", "consent", "Dario", "2026-05-02T12:00")
        .decision("G-0001", "2026-05-02T13:00")
        .payment("G-0001", "100.00 USD", "assets:bank", "2026-05-03")
        .application(
            "Cleo",
            "housing",
            "80.00 USD",
            "Deposit",
            "2026-05-10T10:00",
        )
        .vote("G-0002", "consent", "Dario", "2026-05-10T11:00")
        .build()
}

/// What a page in one language must say.
struct Expected {
    lang: &'static str,
    statement: &'static [&'static str],
    handover: &'static [&'static str],
}

/// Ana's 1234.50 USD, as the language writes it.
fn amount(lang: &str) -> String {
    match lang {
        "fr" => format!("1{NNBSP}234,50"),
        _ => "1.234,50".to_owned(),
    }
}

const EXPECTED: [Expected; 3] = [
    Expected {
        lang: "es",
        statement: &[
            "Gracias, Ana",
            "Lo que aportaste a Caja Solidaria en 2026 (del 1 de enero de 2026 al 31 de diciembre de 2026), y para qué sirvió",
            "en 2 contribuciones.",
            "15 de enero de 2026",
            "trabajo en especie (cooking)",
            "2.º trimestre de 2026",
            "Recibo",
            "Huella del libro de cuentas",
        ],
        handover: &[
            "Entrega de los libros de Caja Solidaria",
            "al final del día 30 de junio de 2026",
            "Tu primera semana",
            "Decide con las personas administradoras la ayuda que espera una decisión",
            "Último cuadre con el banco: no hay nada anotado.",
            "15 de julio de 2026",
            "una decisión",
        ],
    },
    Expected {
        lang: "fr",
        statement: &[
            "Merci, Ana",
            "Ce que vous avez donné à Caja Solidaria en 2026 (du 1er janvier 2026 au 31 décembre 2026), et à quoi cela a servi",
            "en 2 contributions.",
            "15 janvier 2026",
            "travail en nature (cooking)",
            "1er trimestre 2026",
            "2e trimestre 2026",
            "Reçu",
            "Empreinte du livre de comptes",
        ],
        handover: &[
            "Passation des livres de Caja Solidaria",
            "à la fin du 30 juin 2026",
            "Votre première semaine",
            "Décidez avec les responsables de l&#39;aide qui attend une décision",
            "Dernier rapprochement bancaire : rien n&#39;est noté.",
            "15 juillet 2026",
            "une décision",
        ],
    },
    Expected {
        lang: "pt",
        statement: &[
            "Obrigado, Ana",
            "O que você deu a Caja Solidaria em 2026 (de 1 de janeiro de 2026 a 31 de dezembro de 2026), e para que serviu",
            "em 2 contribuições.",
            "15 de janeiro de 2026",
            "trabalho em espécie (cooking)",
            "4.º trimestre de 2026",
            "Recibo",
            "Impressão digital do livro de contas",
        ],
        handover: &[
            "Passagem dos livros de Caja Solidaria",
            "no fim do dia 30 de junho de 2026",
            "A sua primeira semana",
            "Decida com as pessoas responsáveis a ajuda que espera uma decisão",
            "Última conferência bancária: não há registo.",
            "15 de julho de 2026",
            "uma decisão",
        ],
    },
];

/// English words of the statement page, none of which the text a
/// translated page shows may keep (see [`shown`]).
const STATEMENT_ENGLISH: &[&str] = &[
    "Thank you",
    "What you gave",
    "What it did",
    "Your pledges",
    "Your support",
    "Receipt",
    "Totals",
    "Ledger fingerprint",
    "Governance records",
    "Made by fondo",
    "services in kind",
    "Commodity",
    "Amount",
    "Pledged",
    "Paid to you",
    "|any|",
    "|kept|",
    "|short|",
    " to 2026",
    "2026-01-15",
    "2026-Q",
];

/// English words of the handover page (HTML and Markdown).
const HANDOVER_ENGLISH: &[&str] = &[
    "Handing over",
    "treasurer taking over",
    "Your first week",
    "Run fondo verify on",
    "Keep the backup",
    "Balances per account",
    "Pools: held",
    "Grants waiting",
    "Pledges behind",
    "Reconciliation and period close",
    "Last reconciliation",
    "none recorded",
    "Roles ending soon",
    "The books and their backup",
    "Ledger fingerprint",
    "Made by fondo",
    "Account",
    "Balance",
    "Waiting for",
    "a decision",
    "Last day",
    "treasurer",
    "2026-07-15",
];

fn statement(fund: &Fund, extra: &[&str]) -> String {
    let mut args = vec!["member", "statement", "Ana", "--period", "2026"];
    args.extend_from_slice(extra);
    fund.ok(&args)
}

fn statement_html(fund: &Fund, lang: Option<&str>) -> String {
    let mut args = vec!["--format", "html"];
    if let Some(lang) = lang {
        args.extend(["--lang", lang]);
    }
    statement(fund, &args)
}

/// `fondo handover --on 2026-06-30` into a new directory `name`; the HTML
/// and the Markdown page.
fn handover(fund: &Fund, name: &str, lang: Option<&str>) -> (String, String) {
    let dir = fund.path(name);
    let mut args = vec![
        "handover",
        "--out",
        dir.to_str().unwrap(),
        "--on",
        "2026-06-30",
    ];
    if let Some(lang) = lang {
        args.extend(["--lang", lang]);
    }
    fund.ok(&args);
    let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
    (read("handover.html"), read("handover.md"))
}

fn says_all(page: &str, needles: &[&str], what: &str) {
    for needle in needles {
        assert!(
            page.contains(needle),
            "{what} should say {needle:?}:\n{page}"
        );
    }
}

/// The text a page shows: its markup without the stylesheet, each tag
/// replaced by `|` (so that `|kept|` is a whole cell); names for scripts in
/// attributes (`data-key="1|2026-Q1"`) are left out.
fn shown(page: &str) -> String {
    let body = match (page.find("<style"), page.find("</style>")) {
        (Some(start), Some(end)) => format!("{}{}", &page[..start], &page[end..]),
        _ => page.to_owned(),
    };
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match (c, in_tag) {
            ('<', _) => in_tag = true,
            ('>', true) => {
                in_tag = false;
                text.push('|');
            }
            (_, false) => text.push(c),
            (_, true) => {}
        }
    }
    text
}

fn says_none(page: &str, english: &[&str], what: &str) {
    let text = shown(page);
    for word in english {
        assert!(
            !text.contains(word),
            "{what} keeps the English {word:?}:\n{text}"
        );
    }
}

#[test]
fn the_statement_speaks_spanish_french_and_portuguese() {
    let fund = fund(None);
    for want in &EXPECTED {
        let what = format!("the {} statement", want.lang);
        let html = statement_html(&fund, Some(want.lang));
        assert!(
            html.contains(&format!("<html lang=\"{}\"", want.lang)),
            "{html}"
        );
        says_all(&html, want.statement, &what);
        says_all(&html, &[&amount(want.lang)], &what);
        says_none(&html, STATEMENT_ENGLISH, &what);
        assert!(html.contains(&fund.fingerprint()));
    }
}

#[test]
fn the_handover_speaks_spanish_french_and_portuguese_in_html_and_markdown() {
    let fund = fund(None);
    for want in &EXPECTED {
        let (html, md) = handover(&fund, want.lang, Some(want.lang));
        assert!(
            html.contains(&format!("<html lang=\"{}\"", want.lang)),
            "{html}"
        );
        let what = format!("the {} handover", want.lang);
        says_all(&html, want.handover, &what);
        // Ana's money less Bruno's grant, in the bank.
        let bank = amount(want.lang)
            .replace("1.234", "1.134")
            .replace(&format!("1{NNBSP}234"), &format!("1{NNBSP}134"));
        says_all(&html, &[&bank], &what);
        says_none(&html, HANDOVER_ENGLISH, &what);
        let md_what = format!("the {} handover in Markdown", want.lang);
        let md_needles: Vec<String> = want
            .handover
            .iter()
            .map(|n| n.replace("&#39;", "'"))
            .collect();
        let md_needles: Vec<&str> = md_needles.iter().map(String::as_str).collect();
        says_all(&md, &md_needles, &md_what);
        says_all(&md, &[&bank], &md_what);
        says_none(&md, HANDOVER_ENGLISH, &md_what);
    }
}

#[test]
fn the_language_setting_is_the_default_and_lang_overrides_it() {
    let fund = fund(Some("fr"));
    let html = statement_html(&fund, None);
    assert!(html.contains("<html lang=\"fr\""), "{html}");
    assert!(html.contains("Merci, Ana"), "{html}");
    let html = statement_html(&fund, Some("pt"));
    assert!(html.contains("<html lang=\"pt\""), "{html}");
    assert!(html.contains("Obrigado, Ana"), "{html}");
    let english = statement_html(&fund, Some("en"));
    assert!(english.contains("Thank you, Ana"), "{english}");
    assert!(english.contains("in 2 contributions."), "{english}");

    let (html, md) = handover(&fund, "default", None);
    assert!(
        html.contains("Passation des livres de Caja Solidaria"),
        "{html}"
    );
    assert!(
        md.starts_with("# Passation des livres de Caja Solidaria\n"),
        "{md}"
    );
    let (html, md) = handover(&fund, "spanish", Some("es"));
    assert!(
        html.contains("Entrega de los libros de Caja Solidaria"),
        "{html}"
    );
    assert!(
        md.starts_with("# Entrega de los libros de Caja Solidaria\n"),
        "{md}"
    );
    let (html, _) = handover(&fund, "english", Some("en"));
    assert!(
        html.contains("Handing over the books of Caja Solidaria"),
        "{html}"
    );
}

#[test]
fn the_statement_as_table_csv_and_json_does_not_change_with_the_language() {
    let french = fund(Some("fr"));
    let fund = fund(None);
    for format in ["table", "csv", "json"] {
        let plain = statement(&fund, &["--format", format]);
        assert!(plain.contains("1234.50"), "{plain}");
        for lang in ["en", "es", "fr", "pt"] {
            assert_eq!(
                statement(&fund, &["--format", format, "--lang", lang]),
                plain,
                "{format} with --lang {lang}"
            );
        }
    }
    // Nor with the setting.
    assert_eq!(
        statement(&french, &["--format", "csv"]),
        statement(&french, &["--format", "csv", "--lang", "en"])
    );
}

#[test]
fn a_language_fondo_does_not_write_is_refused_and_changes_nothing() {
    let fund = fund(None);
    for lang in ["de", "ES", ""] {
        fund.fails_unchanged(
            &[
                "member",
                "statement",
                "Ana",
                "--period",
                "2026",
                "--format",
                "html",
                "--lang",
                lang,
            ],
            &["--lang"],
        );
        let dir = fund.path("refused");
        fund.fails_unchanged(
            &[
                "handover",
                "--out",
                dir.to_str().unwrap(),
                "--on",
                "2026-06-30",
                "--lang",
                lang,
            ],
            &["--lang"],
        );
        assert!(!dir.exists());
    }
    fund.fails_unchanged(
        &["setting", "set", "language", "de"],
        &["unknown language \"de\"; fondo writes en, es, fr or pt"],
    );
}

/// Counts the pixels of a PNG that are not white, and all of them.
fn ink(png: &Path) -> (usize, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "an RGB screenshot: {:?}", info.color_type);
    let pixels = buf[..info.buffer_size()].chunks(channels);
    let all = pixels.len();
    let ink = pixels.filter(|p| p[..3].iter().any(|&v| v < 235)).count();
    (ink, all)
}

#[test]
fn the_spanish_statement_renders_in_a_browser() {
    let fund = fund(None);
    let page = fund.path("ana.html");
    fund.ok(&[
        "member",
        "statement",
        "Ana",
        "--period",
        "2026",
        "--format",
        "html",
        "--lang",
        "es",
        "--out",
        page.to_str().unwrap(),
    ]);
    let Some(browser) = common::oracle("chromium", "apt-get install chromium") else {
        return;
    };
    let profile = TempDir::new().unwrap();
    let png = fund.path("ana.png");
    let run = |extra: &[String]| {
        let mut cmd = assert_cmd::Command::new(&browser);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .timeout(Duration::from_secs(120));
        let out = cmd.output().expect("chromium runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&[
        format!("--screenshot={}", png.display()),
        "--window-size=900,1400".into(),
    ]);
    let (ink, all) = ink(&png);
    assert_eq!(all, 900 * 1400);
    assert!(ink * 50 > all, "only {ink} of {all} pixels are not white");
    let dom = run(&["--dump-dom".into()]);
    assert!(dom.contains("Gracias, Ana"), "{dom}");
    assert!(dom.contains(&amount("es")), "{dom}");
}
