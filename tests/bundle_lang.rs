//! The audit bundle's README.txt in every language (issue 17): `fondo
//! export audit --lang LANG`, else the fund's `language` setting, else
//! English. Only README.txt (and its row of MANIFEST.csv) changes with the
//! language; the README states every file and column of the format in it,
//! writes its dates and period for reading (English keeps the ISO forms), and both checkers (`fondo verify --bundle`
//! and `scripts/verify_bundle.py`) read any language, so a changed hash in
//! a Spanish README is caught like an English one.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::tamper::reseal_bundle;
use common::{Fund, FundBuilder, csv_rows, oracle, run_command};
use fondo::domain::bundle::FILES;

const LANGS: [&str; 4] = ["en", "es", "fr", "pt"];

/// A small fund: a pool, a contribution, a grant decided by a steward, a
/// member who changed how she is named, and a closed first quarter.
fn fund() -> Fund {
    let fund = FundBuilder::new()
        .name("Fondo del barrio")
        .currency("USD")
        .account("assets:bank:usd")
        .accounts(&["income:contributions", "expenses:grants"])
        .setting("contribution-account", "assets:bank:usd")
        .members(&["Ana", "Bruno", "Carmen"])
        .stewards(&["Ana"], "2025-01-01")
        .pool("housing", "Rent relief")
        .policy(
            "housing",
            "consent --min-consents 1 --window 24h",
            "2025-01-15",
        )
        .contribution("Bruno", "1234.50 USD", Some("housing"), "2025-01-10")
        .application(
            "Carmen",
            "housing",
            "400.00 USD",
            "Rent",
            "2025-01-16T10:00",
        )
        .vote("G-0001", "consent", "Ana", "2025-01-16T11:00")
        .decision("G-0001", "2025-01-18T09:00")
        .build();
    fund.ok_at(
        "2025-03-02T10:00",
        &["member", "edit", "Carmen", "--visibility", "anonymous"],
    );
    fund.ok(&[
        "period",
        "close",
        "2025-Q1",
        "--reason",
        "approved at the forum",
        "--at",
        "2025-04-05T19:00",
    ]);
    fund
}

/// Writes the public bundle of 2025-Q1, in `lang` when given.
fn export(fund: &Fund, name: &str, lang: Option<&str>) -> PathBuf {
    let dir = fund.path(name);
    let out = dir.display().to_string();
    let mut args = vec![
        "export",
        "audit",
        "--out",
        &out,
        "--period",
        "2025-Q1",
        "--audience",
        "public",
    ];
    if let Some(lang) = lang {
        args.extend(["--lang", lang]);
    }
    fund.ok(&args);
    dir
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn readme(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("README.txt")).unwrap()
}

/// Text with its line breaks and indentation as single spaces.
fn flat(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// `fondo verify --bundle DIR`, offline.
fn verify(dir: &Path) -> common::Run {
    let mut cmd = common::command();
    cmd.args(["verify", "--bundle"]).arg(dir);
    run_command(&mut cmd)
}

/// `scripts/verify_bundle.py DIR` must exit with `code` and print
/// `needle`; skipped without python3.
fn script(dir: &Path, code: i32, needle: &str) {
    let Some(python) = oracle("python3", "apt-get install python3") else {
        return;
    };
    let out = Command::new(python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_bundle.py"))
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(code), "{stdout}");
    assert!(stdout.contains(needle), "{stdout}");
}

/// The English README's paragraphs and described columns of at least five
/// words: none may be left in a translation.
fn english_sentences(english: &str) -> Vec<String> {
    let mut sentences: Vec<String> = english
        .split("\n\n")
        .map(flat)
        .filter(|p| !p.starts_with("ssh-keygen -Y verify"))
        .collect();
    sentences.extend(
        english
            .lines()
            .filter_map(|l| l.strip_prefix("    ")?.split_once(": "))
            .map(|(_, about)| flat(about)),
    );
    sentences.retain(|s| s.split(' ').count() >= 5);
    sentences
}

#[test]
fn the_readme_is_in_each_language_and_every_other_file_is_the_same() {
    let fund = fund();
    let bundles: BTreeMap<&str, PathBuf> = LANGS
        .iter()
        .map(|lang| (*lang, export(&fund, lang, Some(lang))))
        .collect();
    let english = files(&bundles["en"]);
    let english_readme = readme(&bundles["en"]);
    let readme_row = |manifest: &[u8]| -> Vec<Vec<String>> {
        csv_rows(std::str::from_utf8(manifest).unwrap())
            .into_iter()
            .filter(|row| row[0] != "README.txt")
            .collect()
    };
    // Phrases each language must say, its dates written for reading, and
    // its words for a visibility change and the closed period.
    let expected: [(&str, &[&str]); 4] = [
        (
            "en",
            &[
                "Audit bundle of Fondo del barrio",
                "Period: 2025-Q1, from 1 January 2025 to 31 March 2025",
                "on 2 March 2025 from public to anonymous",
                "were closed at 2025-04-05T19:00:00",
                "How to verify",
            ],
        ),
        (
            "es",
            &[
                "Paquete de auditoría de Fondo del barrio",
                "Período: 1.º trimestre de 2025, del 1 de enero de 2025 al 31 de marzo de 2025",
                "el 2 de marzo de 2025, de público a anónimo",
                "Las cuentas del período 2025-Q1 se cerraron el 5 de abril de 2025, 19:00",
                "Cómo verificarlo",
            ],
        ),
        (
            "fr",
            &[
                "Dossier d'audit de Fondo del barrio",
                "Période\u{a0}: 1er trimestre 2025, du 1er janvier 2025 au 31 mars 2025",
                "le 2 mars 2025, de public à anonyme",
                "la période 2025-Q1 ont été clôturés le 5 avril 2025, 19:00",
                "Comment le vérifier",
            ],
        ),
        (
            "pt",
            &[
                "Pacote de auditoria de Fondo del barrio",
                "Período: 1.º trimestre de 2025, de 1 de janeiro de 2025 a 31 de março de 2025",
                "em 2 de março de 2025, de público para anônimo",
                "do período 2025-Q1 foram fechadas em 5 de abril de 2025, 19:00",
                "Como verificar",
            ],
        ),
    ];
    for (lang, phrases) in expected {
        let dir = &bundles[lang];
        let text = readme(dir);
        let words = flat(&text);
        for phrase in phrases {
            assert!(words.contains(phrase), "{lang}: {phrase:?}\n{text}");
        }
        // Every file and every column of the format, by name.
        for file in FILES {
            assert!(
                text.lines().any(|l| l == file.name),
                "{lang}: {}",
                file.name
            );
            for column in file.columns {
                assert!(
                    text.contains(&format!("\n    {}: ", column.name)),
                    "{lang}: {} of {}",
                    column.name,
                    file.name
                );
            }
        }
        assert!(
            text.lines()
                .all(|l| l.chars().count() <= 78 || l.starts_with('['))
        );
        if lang != "en" {
            for sentence in english_sentences(&english_readme) {
                assert!(
                    !words.contains(&sentence),
                    "{lang}: English left: {sentence:?}"
                );
            }
        }
        // Only README.txt, and its row of the manifest, differ.
        let these = files(dir);
        assert_eq!(
            these.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &these {
            match name.as_str() {
                "README.txt" => {}
                "MANIFEST.csv" => assert_eq!(
                    readme_row(bytes),
                    readme_row(&english[name]),
                    "{lang}: MANIFEST.csv"
                ),
                _ => assert_eq!(bytes, &english[name], "{lang}: {name}"),
            }
        }
        // Both checkers read it.
        let run = verify(dir);
        assert_eq!(run.code, 0, "{lang}: {}", run.stdout);
        assert!(run.stdout.contains("no findings"), "{}", run.stdout);
        script(dir, 0, "no problems");
    }
}

#[test]
fn the_language_setting_is_the_default_and_lang_overrides_it() {
    let fund = fund();
    let english = export(&fund, "default", None);
    assert!(readme(&english).starts_with("Audit bundle of Fondo del barrio\n"));
    fund.ok(&["setting", "set", "language", "fr"]);
    let french = export(&fund, "setting", None);
    assert!(readme(&french).starts_with("Dossier d'audit de Fondo del barrio\n"));
    let asked = export(&fund, "asked", Some("pt"));
    assert!(readme(&asked).starts_with("Pacote de auditoria de Fondo del barrio\n"));
    let en = export(&fund, "en", Some("en"));
    assert!(readme(&en).starts_with("Audit bundle of Fondo del barrio\n"));
}

#[test]
fn a_changed_hash_or_audience_in_a_spanish_readme_is_caught_by_both_checkers() {
    let fund = fund();
    let clean = export(&fund, "es", Some("es"));
    let fingerprint = fund.fingerprint();
    let tampered = |name: &str, from: &str, to: &str| {
        let dir = fund.path(name);
        std::fs::create_dir(&dir).unwrap();
        for (file, bytes) in files(&clean) {
            std::fs::write(dir.join(file), bytes).unwrap();
        }
        let text = readme(&dir);
        assert!(text.contains(from), "{from:?}");
        std::fs::write(dir.join("README.txt"), text.replacen(from, to, 1)).unwrap();
        reseal_bundle(&dir);
        dir
    };
    let found = |dir: &Path, needle: &str| {
        let run = verify(dir);
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(run.stdout.contains(needle), "{}", run.stdout);
        script(dir, 1, needle);
    };
    let dir = tampered(
        "hash",
        &format!("  {fingerprint}\n"),
        &format!("  {}\n", "1".repeat(64)),
    );
    found(
        &dir,
        "README.txt: does not state the fingerprint of BUNDLE.csv",
    );
    // The marker is what the checkers read, whatever the words around it.
    let dir = tampered("marker", "[records_head] ", "");
    found(
        &dir,
        "README.txt: does not state the records_head of BUNDLE.csv",
    );
    let dir = tampered("audience", "[audience] public:", "[audience] members:");
    found(&dir, "does not say the bundle is for the public audience");
}

#[test]
fn an_unknown_language_is_refused_and_nothing_is_written() {
    let fund = fund();
    let dir = fund.path("xx");
    let out = dir.display().to_string();
    fund.fails_unchanged(
        &[
            "export",
            "audit",
            "--out",
            &out,
            "--period",
            "2025-Q1",
            "--audience",
            "public",
            "--lang",
            "xx",
        ],
        &["invalid value 'xx' for '--lang <LANG>'", "en, es, fr, pt"],
    );
    assert!(!dir.exists());
}

/// A README written before the markers (English only) states the hashes
/// after its English lines and the audience as `Audience: public:`: both
/// checkers still read it, and still catch a changed hash in it.
#[test]
fn a_readme_written_before_the_markers_still_verifies() {
    let fund = fund();
    let dir = export(&fund, "before", Some("en"));
    let text = readme(&dir);
    let mut old = text.replace("[audience] public:", "Audience: public:");
    for key in [
        "fingerprint",
        "records_head",
        "journal_prev_hash",
        "journal_last_hash",
    ] {
        old = old.replace(&format!("[{key}] "), "");
    }
    assert!(!old.contains("[fingerprint]") && old.contains("\nLedger fingerprint ("));
    std::fs::write(dir.join("README.txt"), &old).unwrap();
    reseal_bundle(&dir);
    let run = verify(&dir);
    assert_eq!(run.code, 0, "{}", run.stdout);
    script(&dir, 0, "no problems");
    let fingerprint = fund.fingerprint();
    let changed = old.replacen(
        &format!("  {fingerprint}\n"),
        &format!("  {}\n", "2".repeat(64)),
        1,
    );
    std::fs::write(dir.join("README.txt"), changed).unwrap();
    reseal_bundle(&dir);
    let run = verify(&dir);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("does not state the fingerprint"),
        "{}",
        run.stdout
    );
    script(&dir, 1, "does not state the fingerprint");
}
