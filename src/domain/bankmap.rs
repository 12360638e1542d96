//! Map files: how to read a bank's or payment platform's CSV export.
//!
//! A map is a small TOML file (see `examples/maps/`) saying how the file is
//! encoded and laid out (`encoding`, a preamble of `skip_lines` physical
//! lines, a header row or columns named by position `1`, `2`, …), which
//! columns hold the date, the amount (one signed column; money in and money
//! out columns; an unsigned column with a direction column; gross or net with
//! fee columns), the currency (a column read case-insensitively, with an
//! explicit symbol table, or fixed), the bank's running balance, and how
//! dates and numbers are written (`%d.%m.%Y`, `1.234,56`). Rules, tried in
//! order with the first match winning, say what each row is: a contribution,
//! a grant payment, an expense, a transfer between the fund's own accounts, a
//! fee, a currency exchange with another of the fund's accounts (the other
//! amount read from a column or worked out at a fixed rate), or a row to skip
//! with a reason.
//!
//! Rule: nothing is guessed. Numbers are read strictly in the map's style, a
//! direction value the map does not list is an error, a currency symbol
//! without a mapping is an error, and a rule without a condition is refused.
//! Rules are compiled once into one [`RegexSet`] per column, so a row costs
//! one pass per column however many rules there are.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::format::{Item, StrftimeItems};
use chrono::{NaiveDate, NaiveDateTime};
use regex::{Regex, RegexSet};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::domain::ids::GrantId;
use crate::domain::money::parse_decimal;
use crate::error::{Error, Result};

/// A whole map file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankMap {
    pub file: FileFormat,
    pub columns: Columns,
    pub defaults: Defaults,
    /// For an unsigned amount: the column saying which way the money went.
    pub direction: Option<Direction>,
    /// Currency symbols and the codes they stand for (`"€" = "EUR"`).
    #[serde(default)]
    pub currency_symbols: BTreeMap<String, String>,
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// How the file is written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileFormat {
    /// Field separator, one character (default `,`).
    #[serde(default = "comma")]
    pub delimiter: char,
    /// chrono format of the date column, e.g. `%d.%m.%Y`.
    pub date_format: String,
    /// Decimal separator (default `.`).
    #[serde(default = "dot")]
    pub decimal: char,
    /// Thousands separator, if the file groups digits.
    pub thousands: Option<char>,
    /// Physical lines before the header row (a bank's preamble), or before
    /// the first row when there is no header.
    #[serde(default)]
    pub skip_lines: usize,
    /// The text encoding (default utf-8).
    #[serde(default)]
    pub encoding: Encoding,
    /// Whether the first row names the columns (default true); without a
    /// header the columns are named by position, `"1"`, `"2"`, …
    #[serde(default = "yes")]
    pub header: bool,
}

fn comma() -> char {
    ','
}

fn dot() -> char {
    '.'
}

fn yes() -> bool {
    true
}

/// The text encodings a map may name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[default]
    #[serde(rename = "utf-8", alias = "utf8")]
    Utf8,
    /// UTF-8 that must start with a byte-order mark.
    #[serde(rename = "utf-8-bom", alias = "utf-8 bom")]
    Utf8Bom,
    /// ISO-8859-1: one byte, one character.
    #[serde(rename = "latin-1", alias = "iso-8859-1", alias = "latin1")]
    Latin1,
    #[serde(rename = "windows-1252", alias = "cp1252")]
    Windows1252,
    /// UTF-16, little- or big-endian as its byte-order mark says.
    #[serde(rename = "utf-16", alias = "utf16")]
    Utf16,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Latin1 => "latin-1",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Utf16 => "utf-16",
        }
    }
}

/// Whether the amount column holds what was paid (fees come out of it) or
/// what arrived (fees were already taken).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AmountKind {
    #[default]
    Gross,
    Net,
}

/// Which column holds what (header names, exactly as in the file, or
/// positions `"1"`, `"2"`, … in a file without a header).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub date: String,
    /// The amount: signed, or unsigned with a `[direction]` column.
    pub amount: Option<String>,
    /// Money in, when the file has separate in and out columns.
    pub amount_in: Option<String>,
    /// Money out (its sign is ignored).
    pub amount_out: Option<String>,
    /// Whether the amount is gross (default) or net of the fee columns.
    #[serde(default)]
    pub amount_is: AmountKind,
    pub currency: Option<String>,
    pub payer: Option<String>,
    pub reference: Option<String>,
    pub description: Option<String>,
    /// Columns holding fees taken from the amount (their sign is ignored).
    #[serde(default)]
    pub fees: Vec<String>,
    /// The bank's running balance after the row.
    pub balance: Option<String>,
}

/// An unsigned amount's direction column and the values it may hold.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Direction {
    pub column: String,
    /// Values meaning money in (compared case-insensitively).
    pub incoming: Vec<String>,
    /// Values meaning money out.
    pub outgoing: Vec<String>,
}

/// Where things go unless a rule says otherwise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// The assets account the statement is of.
    pub account: String,
    /// The currency when the file has no currency column.
    pub currency: Option<String>,
    /// The pool contributions go to (the general pool when left out).
    pub pool: Option<String>,
    /// Where fees are charged (default `expenses:fees:payments`).
    #[serde(default = "fee_account")]
    pub fee_account: String,
    /// Where rows no rule matched wait (default `equity:suspense`).
    #[serde(default = "suspense_account")]
    pub suspense: String,
    /// How many days a statement row may be from a tranche recorded with
    /// `grant pay` and still be that tranche (default 7).
    #[serde(default = "grant_window")]
    pub grant_window_days: u32,
    /// The import source label (default: the map file's name).
    pub source: Option<String>,
}

fn fee_account() -> String {
    "expenses:fees:payments".to_owned()
}

fn suspense_account() -> String {
    crate::domain::account::SUSPENSE.to_owned()
}

fn grant_window() -> u32 {
    7
}

/// What a rule makes of the rows it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Money in from a member (or anonymous) to a pool.
    Contribution,
    /// A tranche paid to a grant named in the row.
    Grant,
    /// Money out to an expenses account, in a pool.
    Expense,
    /// Money moved to or from another of the fund's own accounts.
    Transfer,
    /// A charge by the bank or platform.
    Fee,
    /// Not the fund's money: left out, with a reason.
    Skip,
    /// To `account`, whatever its type (as hledger's `account2` does).
    Post,
    /// A currency exchange with another of the fund's assets accounts
    /// (`account`), in another currency, through conversion legs as
    /// `fondo exchange` records it.
    Exchange,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Contribution => "contribution",
            Action::Grant => "grant",
            Action::Expense => "expense",
            Action::Transfer => "transfer",
            Action::Fee => "fee",
            Action::Skip => "skip",
            Action::Post => "post",
            Action::Exchange => "exchange",
        }
    }
}

/// A rule: when every condition matches, the row is what `action` says.
/// Conditions are `payer`, `description` and `reference` (case-insensitive
/// "contains"), and `when`, regular expressions on any column by name, or
/// on the whole row (its fields joined by the delimiter) as `"*"`
/// (case-insensitive unless `case_sensitive`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub payer: Option<String>,
    pub description: Option<String>,
    pub reference: Option<String>,
    #[serde(default)]
    pub when: BTreeMap<String, String>,
    #[serde(default)]
    pub case_sensitive: bool,
    /// Default: contribution (skip when `ignore`).
    pub action: Option<Action>,
    pub member: Option<String>,
    #[serde(default)]
    pub anonymous: bool,
    pub pool: Option<String>,
    /// The expenses account, or the fund's other account of a transfer.
    pub account: Option<String>,
    /// A regular expression whose first group is the grant's number, e.g.
    /// `G-(\d+)`, looked for in `grant_column` (default: the reference).
    pub grant: Option<String>,
    pub grant_column: Option<String>,
    /// Why matching rows are skipped.
    pub reason: Option<String>,
    /// The older spelling of `action = "skip"`.
    #[serde(default)]
    pub ignore: bool,
    /// The transaction's description for matching rows.
    pub title: Option<String>,
    /// A memo on the posting the rule chooses.
    pub memo: Option<String>,
    /// Read the amount from this column instead (signed), for matching rows.
    pub amount: Option<String>,
    /// Negate that amount.
    #[serde(default)]
    pub negate: bool,
    /// An exchange's other currency, fixed (a code or a mapped symbol) …
    pub other_currency: Option<String>,
    /// … or read from this column.
    pub other_currency_column: Option<String>,
    /// An exchange's other amount, read from this column (its sign is
    /// ignored: it goes the other way) …
    pub other_amount: Option<String>,
    /// … or the row's amount times this fixed rate (units of the other
    /// currency per unit of the row's); a result with more decimal places
    /// than the other currency has is an error, never rounded.
    pub rate: Option<String>,
}

impl Rule {
    /// What the rule does.
    pub fn action(&self) -> Action {
        match self.action {
            Some(action) => action,
            None if self.ignore => Action::Skip,
            None => Action::Contribution,
        }
    }

    /// The rule's conditions as (column name, regular expression).
    fn conditions(&self, columns: &Columns) -> Vec<(String, String, bool)> {
        let mut out = Vec::new();
        for (pattern, column, field) in [
            (&self.payer, &columns.payer, "payer"),
            (&self.description, &columns.description, "description"),
            (&self.reference, &columns.reference, "reference"),
        ] {
            if let Some(pattern) = pattern {
                let column = column.clone().unwrap_or_else(|| format!("<{field}>"));
                out.push((column, regex::escape(pattern), pattern.is_empty()));
            }
        }
        for (column, pattern) in &self.when {
            out.push((column.clone(), pattern.clone(), pattern.is_empty()));
        }
        out
    }
}

/// How many distinct cells of a column [`Matching`] remembers.
const MEMO_CELLS: usize = 16_384;

/// What [`CompiledRules::first`] keeps between rows: the conditions met,
/// and which conditions each cell text met (statements repeat payers and
/// descriptions, and a cell seen before is not matched again).
#[derive(Debug, Default)]
pub struct Matching {
    hits: Vec<bool>,
    memo: Vec<HashMap<String, Vec<usize>>>,
}

/// The rules compiled: one [`RegexSet`] per column they look at.
#[derive(Debug, Clone)]
pub struct CompiledRules {
    /// (column name, the set, the condition number of each pattern).
    sets: Vec<(String, RegexSet, Vec<usize>)>,
    /// Each rule's condition numbers, in rule order.
    rules: Vec<Vec<usize>>,
    /// Each rule's grant pattern.
    grants: Vec<Option<Regex>>,
    conditions: usize,
}

impl CompiledRules {
    /// The columns the rules look at, in the order [`CompiledRules::first`]
    /// wants their text.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.sets.iter().map(|(c, _, _)| c.as_str())
    }

    /// The first rule all of whose conditions match; `text` holds each
    /// column's cell in [`CompiledRules::columns`] order. `scratch` is
    /// reused between rows.
    pub fn first(&self, text: &[&str], scratch: &mut Matching) -> Option<usize> {
        let Matching { hits, memo } = scratch;
        hits.clear();
        hits.resize(self.conditions, false);
        memo.resize_with(self.sets.len(), HashMap::new);
        for (((_, set, ids), cell), memo) in self.sets.iter().zip(text).zip(memo.iter_mut()) {
            let matched = match memo.get(*cell) {
                Some(matched) => matched,
                None => {
                    let matched: Vec<usize> = set.matches(cell).iter().map(|i| ids[i]).collect();
                    if memo.len() < MEMO_CELLS {
                        memo.entry((*cell).to_owned()).or_insert(matched)
                    } else {
                        for c in matched {
                            hits[c] = true;
                        }
                        continue;
                    }
                }
            };
            for &c in matched {
                hits[c] = true;
            }
        }
        self.rules
            .iter()
            .position(|conds| conds.iter().all(|&c| hits[c]))
    }

    /// The grant number a rule's pattern finds in `text`.
    pub fn grant(&self, rule: usize, text: &str) -> Option<std::result::Result<GrantId, String>> {
        let re = self.grants.get(rule)?.as_ref()?;
        let Some(caps) = re.captures(text) else {
            return Some(Err(format!(
                "{text:?} has no grant number for the rule's pattern {}",
                re.as_str()
            )));
        };
        let group = caps
            .get(1)
            .or_else(|| caps.get(0))
            .map_or("", |m| m.as_str());
        Some(
            group
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .parse::<i64>()
                .map(GrantId::new)
                .map_err(|_| format!("{group:?} is not a grant number")),
        )
    }
}

impl BankMap {
    /// Reads and checks a map file.
    pub fn load(path: &Path) -> Result<BankMap> {
        BankMap::load_compiled(path).map(|(map, _)| map)
    }

    /// [`BankMap::load`], with the rules compiled while checking them.
    pub fn load_compiled(path: &Path) -> Result<(BankMap, CompiledRules)> {
        let fail = |reason: String| Error::Map {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            context: format!("reading {}", path.display()),
            source,
        })?;
        let map: BankMap =
            toml::from_str(&text).map_err(|e| fail(e.to_string().trim_end().to_owned()))?;
        let compiled = map.checked().map_err(fail)?;
        Ok((map, compiled))
    }

    /// Checks a map's settings and rules (as [`BankMap::load`] does).
    pub fn check(&self) -> std::result::Result<(), String> {
        self.checked().map(|_| ())
    }

    /// [`BankMap::check`], keeping the compiled rules it builds (an import
    /// needs them, and building them twice costs as much as matching
    /// thousands of rows).
    pub fn checked(&self) -> std::result::Result<CompiledRules, String> {
        let file = &self.file;
        if !file.delimiter.is_ascii() || file.delimiter.is_alphanumeric() {
            return Err(format!(
                "delimiter {:?} must be one ASCII punctuation character",
                file.delimiter
            ));
        }
        if file.thousands == Some(file.decimal) {
            return Err("decimal and thousands separators must differ".into());
        }
        if file.decimal.is_ascii_digit() || file.thousands.is_some_and(|t| t.is_ascii_digit()) {
            return Err("separators cannot be digits".into());
        }
        if StrftimeItems::new(&file.date_format).any(|item| matches!(item, Item::Error)) {
            return Err(format!(
                "date_format {:?} is not a valid date format",
                file.date_format
            ));
        }
        if self.columns.currency.is_none() && self.defaults.currency.is_none() {
            return Err("say where the currency is: columns.currency or defaults.currency".into());
        }
        let c = &self.columns;
        match (&c.amount, &c.amount_in, &c.amount_out) {
            (Some(_), None, None) | (None, Some(_), Some(_)) => {}
            (None, None, None) => {
                return Err("say where the amount is: columns.amount, or columns.amount_in and columns.amount_out".into());
            }
            _ => {
                return Err(
                    "give either columns.amount or both columns.amount_in and columns.amount_out"
                        .into(),
                );
            }
        }
        if self.direction.is_some() && c.amount.is_none() {
            return Err("a [direction] column goes with columns.amount".into());
        }
        if let Some(d) = &self.direction {
            if d.incoming.is_empty() || d.outgoing.is_empty() {
                return Err("[direction] needs incoming and outgoing values".into());
            }
            let lower = |v: &Vec<String>| {
                v.iter()
                    .map(|s| s.trim().to_lowercase())
                    .collect::<Vec<_>>()
            };
            let (inc, out) = (lower(&d.incoming), lower(&d.outgoing));
            if let Some(both) = inc.iter().find(|v| out.contains(v)) {
                return Err(format!(
                    "[direction] value {both:?} is both incoming and outgoing"
                ));
            }
        }
        if c.amount_is == AmountKind::Net && c.fees.is_empty() {
            return Err("columns.amount_is = \"net\" needs the fee columns (columns.fees)".into());
        }
        for (symbol, code) in &self.currency_symbols {
            if code.len() < 2
                || !code
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
            {
                return Err(format!(
                    "currency_symbols: {symbol:?} maps to {code:?}, which is not a commodity code"
                ));
            }
        }
        for (i, rule) in self.rules.iter().enumerate() {
            let n = i + 1;
            let conditions = rule.conditions(c);
            if conditions.is_empty() {
                return Err(format!(
                    "rule {n} has no condition (payer, description, reference or when)"
                ));
            }
            if let Some((column, _, _)) = conditions.iter().find(|(_, _, empty)| *empty) {
                return Err(format!(
                    "rule {n}: the condition on {column:?} is empty and would match every row"
                ));
            }
            let action = rule.action();
            let need = |what: bool, field: &str| {
                if what {
                    Ok(())
                } else {
                    Err(format!("rule {n}: a {} rule needs {field}", action.name()))
                }
            };
            match action {
                Action::Grant => need(
                    rule.grant.is_some(),
                    "grant (a pattern such as \"G-(\\\\d+)\")",
                )?,
                Action::Expense | Action::Transfer | Action::Post => {
                    need(rule.account.is_some(), "account")?
                }
                Action::Exchange => {
                    need(rule.account.is_some(), "account (the other assets account)")?;
                    if rule.other_currency.is_some() == rule.other_currency_column.is_some() {
                        return Err(format!(
                            "rule {n}: an exchange rule needs either other_currency or other_currency_column"
                        ));
                    }
                    if rule.other_amount.is_some() == rule.rate.is_some() {
                        return Err(format!(
                            "rule {n}: an exchange rule needs either other_amount (a column) or rate"
                        ));
                    }
                    if let Some(rate) = &rule.rate {
                        match parse_decimal(rate) {
                            Ok(value) if value > Decimal::ZERO => {}
                            _ => {
                                return Err(format!(
                                    "rule {n}: rate {rate:?} is not a positive number"
                                ));
                            }
                        }
                    }
                }
                Action::Skip => {}
                Action::Contribution | Action::Fee => {}
            }
            if action != Action::Exchange
                && (rule.other_currency.is_some()
                    || rule.other_currency_column.is_some()
                    || rule.other_amount.is_some()
                    || rule.rate.is_some())
            {
                return Err(format!(
                    "rule {n}: other_currency, other_currency_column, other_amount and rate belong to exchange rules, not {} rules",
                    action.name()
                ));
            }
            if rule.anonymous && rule.member.is_some() {
                return Err(format!(
                    "rule {n}: a contribution is from a member or anonymous, not both"
                ));
            }
        }
        self.compile()
    }

    /// Compiles the rules' conditions; fails on a bad regular expression.
    pub fn compile(&self) -> std::result::Result<CompiledRules, String> {
        let mut by_column: BTreeMap<String, (Vec<String>, Vec<usize>)> = BTreeMap::new();
        let mut rules = Vec::new();
        let mut grants = Vec::new();
        let mut next = 0;
        // (rule, column, pattern) in rule order, to name a bad pattern.
        let mut all = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let mut ids = Vec::new();
            for (column, pattern, _) in rule.conditions(&self.columns) {
                let pattern = if rule.case_sensitive {
                    pattern
                } else {
                    format!("(?i:{pattern})")
                };
                all.push((i, column.clone(), pattern.clone()));
                let entry = by_column.entry(column).or_default();
                entry.0.push(pattern);
                entry.1.push(next);
                ids.push(next);
                next += 1;
            }
            rules.push(ids);
            grants.push(
                rule.grant
                    .as_deref()
                    .map(|p| {
                        Regex::new(&format!("(?i){p}"))
                            .map_err(|e| format!("rule {}: grant pattern: {e}", i + 1))
                    })
                    .transpose()?,
            );
        }
        let sets = by_column
            .into_iter()
            .map(|(column, (patterns, ids))| {
                RegexSet::new(&patterns)
                    .map(|set| (column.clone(), set, ids))
                    .map_err(|e| {
                        // Compiled one by one only when the set fails, to
                        // name the first rule whose pattern is at fault.
                        all.iter()
                            .find_map(|(i, column, pattern)| {
                                Regex::new(pattern).err().map(|e| {
                                    format!("rule {}: the condition on {column:?}: {e}", i + 1)
                                })
                            })
                            .unwrap_or_else(|| format!("the conditions on {column:?}: {e}"))
                    })
            })
            .collect::<std::result::Result<_, _>>()?;
        Ok(CompiledRules {
            sets,
            rules,
            grants,
            conditions: next,
        })
    }

    /// Reads a date in the map's format (a time after it, as in
    /// `2026-01-15T10:22:05Z`, is allowed and ignored). Fractions of a
    /// second and a zone the format does not mention (`.000Z`, `+01:00`)
    /// may follow, since platforms write them in one export and not in
    /// another; any other trailing text is an error.
    pub fn date(&self, text: &str) -> std::result::Result<NaiveDate, String> {
        let text = text.trim();
        let format = &self.file.date_format;
        let zone_like = |rest: &str| {
            let rest = rest
                .strip_prefix('.')
                .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
            let rest = rest.strip_prefix('Z').unwrap_or(rest);
            let rest = rest.strip_prefix(['+', '-']).map_or(rest, |r| {
                r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':')
            });
            rest.is_empty()
        };
        NaiveDate::parse_from_str(text, format)
            .or_else(|_| NaiveDateTime::parse_from_str(text, format).map(|d| d.date()))
            .or_else(|e| match NaiveDateTime::parse_and_remainder(text, format) {
                Ok((d, rest)) if zone_like(rest) => Ok(d.date()),
                _ => match NaiveDate::parse_and_remainder(text, format) {
                    Ok((d, rest)) if zone_like(rest) => Ok(d),
                    _ => Err(e),
                },
            })
            .map_err(|_| {
                format!(
                    "{text:?} is not a date in the map's format {}",
                    self.file.date_format
                )
            })
            .and_then(|date| {
                crate::domain::date::plausible(date).map_err(|reason| format!("{text:?}: {reason}"))
            })
    }

    /// Reads a number written in the map's style (`1.234,56` with decimal
    /// `,` and thousands `.`), strictly.
    pub fn number(&self, text: &str) -> std::result::Result<Decimal, String> {
        parse_localized(text, self.file.decimal, self.file.thousands)
    }

    /// The commodity code a currency cell names: a symbol from the map's
    /// table, or a code in any case.
    pub fn currency(&self, text: &str) -> std::result::Result<String, String> {
        let text = text.trim();
        if let Some(code) = self.currency_symbols.get(text) {
            return Ok(code.clone());
        }
        if let Some((_, code)) = self
            .currency_symbols
            .iter()
            .find(|(symbol, _)| symbol.eq_ignore_ascii_case(text))
        {
            return Ok(code.clone());
        }
        if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Ok(text.to_ascii_uppercase());
        }
        Err(format!(
            "currency symbol {text:?} has no mapping: add it to the map's [currency_symbols], e.g. {text:?} = \"EUR\""
        ))
    }
}

/// Parses a number with the given decimal and (optional) thousands
/// separators. Digit groups must be exactly three digits; a separator the
/// style does not use is an error, so `1,234.56` read as decimal-comma is
/// refused rather than misread.
pub fn parse_localized(
    text: &str,
    decimal: char,
    thousands: Option<char>,
) -> std::result::Result<Decimal, String> {
    let style = || match thousands {
        Some(t) => format!("decimal {decimal:?}, thousands {t:?}"),
        None => format!("decimal {decimal:?}, no thousands separator"),
    };
    let mismatch = || {
        format!(
            "{text:?} does not follow the map's number style ({})",
            style()
        )
    };
    let trimmed = text.trim();
    let (sign, body) = match trimmed.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let (int, frac) = match body.split_once(decimal) {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    let int = match thousands {
        Some(t) if int.contains(t) => {
            let groups: Vec<&str> = int.split(t).collect();
            let ok = (1..=3).contains(&groups[0].len())
                && groups[1..].iter().all(|g| g.len() == 3)
                && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
            if !ok {
                return Err(mismatch());
            }
            groups.concat()
        }
        _ => int.to_owned(),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(&int) || frac.is_some_and(|f| !digits(f)) {
        return Err(mismatch());
    }
    let plain = match frac {
        Some(frac) => format!("{sign}{int}.{frac}"),
        None => format!("{sign}{int}"),
    };
    parse_decimal(&plain).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(
        text: &str,
        decimal: char,
        thousands: Option<char>,
    ) -> std::result::Result<String, String> {
        parse_localized(text, decimal, thousands).map(|d| d.to_string())
    }

    #[test]
    fn reads_numbers_in_the_map_style() {
        assert_eq!(n("1.234,56", ',', Some('.')).unwrap(), "1234.56");
        assert_eq!(n("-12,50", ',', Some('.')).unwrap(), "-12.50");
        assert_eq!(n("1 234 567,8", ',', Some(' ')).unwrap(), "1234567.8");
        assert_eq!(n("1,234.56", '.', Some(',')).unwrap(), "1234.56");
        assert_eq!(n("25", ',', None).unwrap(), "25");
    }

    #[test]
    fn refuses_numbers_in_another_style() {
        for (text, decimal, thousands) in [
            ("1,234.56", ',', Some('.')),
            ("1.23", ',', Some('.')),
            ("12.34,5", ',', Some('.')),
            ("1.2345,00", ',', Some('.')),
            ("1,234.56", '.', None),
            ("", '.', None),
            ("abc", '.', None),
        ] {
            assert!(n(text, decimal, thousands).is_err(), "{text:?}");
        }
        let err = n("1,234.56", ',', Some('.')).unwrap_err();
        assert!(err.contains("number style"), "{err}");
    }

    fn map(extra: &str) -> BankMap {
        toml::from_str(&format!(
            "[file]\ndate_format = \"%d.%m.%Y\"\n[columns]\ndate = \"d\"\namount = \"a\"\n\
             payer = \"Name\"\ndescription = \"Text\"\n\
             [defaults]\naccount = \"assets:bank\"\ncurrency = \"EUR\"\n{extra}"
        ))
        .unwrap()
    }

    #[test]
    fn rules_match_all_their_conditions_first_wins() {
        let map = map(
            "[[rules]]\npayer = \"solidarität\"\ndescription = \"spende\"\n\
             [[rules]]\nwhen = { Status = \"^paid$\" }\naction = \"skip\"\n\
             [[rules]]\npayer = \"berlin\"\n",
        );
        map.check().unwrap();
        let rules = map.compile().unwrap();
        let columns: Vec<&str> = rules.columns().collect();
        assert_eq!(columns, ["Name", "Status", "Text"]);
        let mut scratch = Matching::default();
        let mut first = |name, status, text| rules.first(&[name, status, text], &mut scratch);
        assert_eq!(first("Solidarität Berlin e.V.", "", "SEPA Spende"), Some(0));
        assert_eq!(first("Solidarität Berlin e.V.", "PAID", "Miete"), Some(1));
        assert_eq!(
            first("Solidarität Berlin e.V.", "paid later", "Miete"),
            Some(2)
        );
        assert_eq!(first("Ana", "open", "Miete"), None);
    }

    #[test]
    fn empty_conditions_and_bad_patterns_are_refused() {
        let empty = map("[[rules]]\nwhen = { Text = \"\" }\n")
            .check()
            .unwrap_err();
        assert!(
            empty.contains("is empty and would match every row"),
            "{empty}"
        );
        let none = map("[[rules]]\npool = \"food\"\n").check().unwrap_err();
        assert!(none.contains("rule 1 has no condition"), "{none}");
        let bad = map("[[rules]]\nwhen = { Text = \"(\" }\n")
            .check()
            .unwrap_err();
        assert!(bad.contains("rule 1: the condition on \"Text\""), "{bad}");
    }

    #[test]
    fn grant_numbers_come_from_a_capture() {
        let map =
            map("[[rules]]\ndescription = \"grant\"\naction = \"grant\"\ngrant = \"G-(\\\\d+)\"\n");
        let rules = map.compile().unwrap();
        assert_eq!(
            rules.grant(0, "Grant g-0012 rent"),
            Some(Ok(GrantId::new(12)))
        );
        assert!(rules.grant(0, "no number").unwrap().is_err());
    }

    #[test]
    fn currencies_are_codes_in_any_case_or_mapped_symbols() {
        let map = map("[currency_symbols]\n\"€\" = \"EUR\"\n");
        assert_eq!(map.currency("usd").unwrap(), "USD");
        assert_eq!(map.currency(" € ").unwrap(), "EUR");
        assert!(map.currency("£").unwrap_err().contains("has no mapping"));
    }

    #[test]
    fn dates_may_carry_a_time() {
        let map: BankMap = toml::from_str(
            "[file]\ndate_format = \"%Y-%m-%dT%H:%M:%S%.fZ\"\n[columns]\ndate = \"d\"\namount = \"a\"\n\
             [defaults]\naccount = \"assets:bank\"\ncurrency = \"USD\"\n",
        )
        .unwrap();
        assert_eq!(
            map.date("2026-01-15T10:22:05.000Z").unwrap().to_string(),
            "2026-01-15"
        );
        assert!(map.date("15/01/2026").is_err());
        let year_20 = map.date("0020-01-15T10:22:05.000Z").unwrap_err();
        assert!(
            year_20.contains("between 1900-01-01 and 2199-12-31"),
            "{year_20}"
        );
        let mut legacy = map.clone();
        legacy.file.date_format = "%Y-%m-%dT%H:%M:%S".into();
        for text in [
            "2017-01-20T19:21:45",
            "2017-01-20T19:21:45.000Z",
            "2017-01-20T19:21:45Z",
        ] {
            assert_eq!(
                legacy.date(text).unwrap().to_string(),
                "2017-01-20",
                "{text}"
            );
        }
        assert!(legacy.date("2017-01-20T19:21:45 tomorrow").is_err());
    }
}
