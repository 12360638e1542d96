//! `fondo report forum`: the open-forum page of a period, as one
//! self-contained HTML file or as Markdown, on standard output or in a file
//! (never written over without `--force`).

use std::io::{self, Write};
use std::path::Path;

use crate::cli::{ForumArgs, PageFormatArg};
use crate::commands::out::{write_file, writing};
use crate::commands::{CommandError, Result};
use crate::commands::{Outcome, Period, gate, open, report_span, say, stdout};
use fondo::audit::bundle::check;
use fondo::domain::date::iso;
use fondo::domain::member::Audience;
use fondo::render::Gated;
use fondo::render::document::Document;
use fondo::render::i18n::Messages;
use fondo::render::{html, markdown};
use fondo::report::forum::{Forum, document, forum as gather};
use fondo::report::language::page_language;
use fondo::store::Access;

pub fn forum(path: &Path, args: &ForumArgs) -> Result<Outcome> {
    let audience: Audience = args.audience.into();
    let (out, force, format) = (args.out.as_deref(), args.force, args.format);
    let period = Period::parse(&args.period)?;
    let doc = {
        let mut db = open(path, Access::Read)?;
        let tx = db.read()?;
        let span = report_span(&tx, period)?;
        let mut page = gather(&tx, &span, audience)?;
        if let Some(dir) = &args.bundle {
            page.fingerprint.manifest = Some(bundle_digest(dir, &page)?);
        }
        let words = Messages::new(page_language(&tx, args.lang.asked())?);
        gate(&tx, audience)?.pass(document(&page, &words))
    };
    match out {
        None => {
            let mut out = stdout();
            write_page(&mut out, &doc, format)?;
            out.flush()?;
        }
        Some(file) => {
            write_file(file, force, false, |page| {
                write_page(page, &doc, format).map_err(writing(file))
            })?;
            say(&[format!("wrote the forum report to {}", file.display())])?;
        }
    }
    Ok(Outcome::Ok)
}

/// The manifest digest of the bundle in `dir`, once it checks without
/// findings and states the page's period, fingerprint and records head.
fn bundle_digest(dir: &Path, page: &Forum) -> Result<String> {
    let checked = check::check(dir)?;
    let refuse = |why: String| {
        Err(CommandError::Refused(format!(
            "the audit bundle {} {why}, so the page cannot name it",
            dir.display()
        )))
    };
    if let Some(first) = checked.findings.first() {
        let n = checked.findings.len();
        return refuse(format!(
            "has {n} {} (the first: {} {}); check it with `fondo verify --bundle`",
            if n == 1 { "finding" } else { "findings" },
            first.code,
            first.message
        ));
    }
    let stated = |key: &str| checked.facts.get(key).map(String::as_str).unwrap_or("");
    let f = &page.fingerprint;
    for (key, ours) in [
        ("from", iso(page.span.from)),
        ("to", iso(page.span.to)),
        ("fingerprint", f.ledger.clone()),
        ("records_head", f.records.clone()),
    ] {
        if stated(key) != ours {
            return refuse(format!(
                "states {key} {}, but the page's is {ours}: write the bundle for the same period from the books as they are now",
                stated(key)
            ));
        }
    }
    Ok(checked.manifest_sha256)
}

fn write_page(out: impl Write, doc: &Gated<Document>, format: PageFormatArg) -> io::Result<()> {
    match format {
        PageFormatArg::Html => html::write(out, doc),
        PageFormatArg::Md => markdown::write(out, doc),
    }
}
