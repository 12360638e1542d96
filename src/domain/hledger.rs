//! hledger CSV rules files, read as map files: the common subset many
//! treasurers already keep (`skip`, `fields`, `separator`, `date-format`,
//! `decimal-mark`, `encoding`, `currency`, `description`, `amount`,
//! `amount-in`, `amount-out`, `account1`, `account2`, and `if` blocks, one
//! pattern per line or joined with `&`, setting `account1`, `account2`,
//! `comment`, `description`, `amount` or `skip`).
//!
//! Rule: a directive outside the subset is refused with its line and name,
//! never ignored, since ignoring it would import the statement differently
//! from hledger. Columns are named by position, as hledger's `fields`
//! assigns them; a whole-row pattern matches the row's fields joined by the
//! separator, as hledger matches the record.

use std::collections::BTreeMap;

use crate::domain::bankmap::{
    Action, AmountKind, BankMap, Columns, Defaults, Encoding, FileFormat, Rule,
};

/// An `if` block: its line, its pattern groups (alternatives, each a list
/// of patterns all required), and its assignments (line, key, value).
type Block = (usize, Vec<Vec<String>>, Vec<(usize, String, String)>);

/// Reads a rules file's text; `account` (the fund's account the statement
/// is of) overrides the rules' `account1`. The error names the line.
pub fn to_map(text: &str, account: Option<&str>) -> Result<BankMap, String> {
    let mut names: Vec<String> = Vec::new();
    let mut top: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut skip = 0usize;
    let mut blocks: Vec<Block> = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            in_block = false;
            continue;
        }
        if trimmed.starts_with(['#', ';', '*']) {
            continue;
        }
        let indented = line.len() != trimmed.len();
        let (word, rest) = match trimmed.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (trimmed, ""),
        };
        if in_block {
            let block = blocks.last_mut().expect("in a block");
            if !indented && block.2.is_empty() {
                // A pattern line, or an `&` line joining the previous one.
                match trimmed.strip_prefix('&') {
                    Some(more) => match block.1.last_mut() {
                        Some(group) => group.push(more.trim().to_owned()),
                        None => return Err(format!("line {n}: `&` with no pattern before it")),
                    },
                    None => block.1.push(vec![trimmed.to_owned()]),
                }
                continue;
            }
            if indented {
                match word {
                    "account1" | "account2" | "comment" | "description" | "amount" | "skip" => {
                        block.2.push((n, word.to_owned(), rest.to_owned()));
                    }
                    other => {
                        return Err(format!(
                            "line {n}: {other:?} inside an if block is not in the subset fondo reads (account1, account2, comment, description, amount, skip)"
                        ));
                    }
                }
                continue;
            }
            in_block = false;
        }
        match word {
            "if" => {
                in_block = true;
                let patterns = if rest.is_empty() {
                    Vec::new()
                } else {
                    vec![vec![rest.to_owned()]]
                };
                blocks.push((n, patterns, Vec::new()));
            }
            "skip" => {
                skip = if rest.is_empty() {
                    1
                } else {
                    rest.parse()
                        .map_err(|_| format!("line {n}: skip {rest:?} is not a number of lines"))?
                };
            }
            "fields" => {
                names = rest.split(',').map(|f| f.trim().to_lowercase()).collect();
            }
            "separator" | "date-format" | "decimal-mark" | "encoding" | "currency"
            | "description" | "amount" | "amount-in" | "amount-out" | "account1" | "account2"
            | "date" => {
                top.insert(word.to_owned(), (n, rest.to_owned()));
            }
            other => {
                return Err(format!(
                    "line {n}: the directive {other:?} is not in the subset fondo reads (skip, fields, separator, date-format, decimal-mark, encoding, currency, description, amount, amount-in, amount-out, account1, account2, if)"
                ));
            }
        }
    }
    // A field reference: `%3` or `%name`, to a positional column name.
    let field = |n: usize, value: &str| -> Result<String, String> {
        let name = value.strip_prefix('%').ok_or_else(|| {
            format!("line {n}: {value:?}: fondo reads only a field reference here (%3 or %name)")
        })?;
        if let Ok(i) = name.parse::<usize>() {
            return Ok(i.to_string());
        }
        names
            .iter()
            .position(|f| *f == name.to_lowercase())
            .map(|i| (i + 1).to_string())
            .ok_or_else(|| format!("line {n}: no field is named {name:?} in `fields`"))
    };
    let assigned = |key: &str| -> Result<Option<String>, String> {
        match top.get(key) {
            Some((n, value)) => field(*n, value).map(Some),
            None => Ok(names
                .iter()
                .position(|f| f == key)
                .map(|i| (i + 1).to_string())),
        }
    };
    let date = assigned("date")?.ok_or("the rules name no date field (fields or date)")?;
    let amount = assigned("amount")?;
    let amount_in = assigned("amount-in")?;
    let amount_out = assigned("amount-out")?;
    let description = assigned("description")?;
    let (currency_column, currency) = match top.get("currency") {
        Some((n, value)) if value.starts_with('%') => (Some(field(*n, value)?), None),
        Some((_, value)) => (None, Some(value.clone())),
        None => (
            names
                .iter()
                .position(|f| f == "currency")
                .map(|i| (i + 1).to_string()),
            None,
        ),
    };
    if currency.is_none() && currency_column.is_none() {
        return Err("the rules give no currency: add `currency CODE`".into());
    }
    let separator = match top.get("separator").map(|(_, v)| v.as_str()) {
        None => ',',
        Some("TAB" | "\\t") => '\t',
        Some("SPACE") => ' ',
        Some(s) if s.chars().count() == 1 => s.chars().next().expect("one character"),
        Some(s) => return Err(format!("separator {s:?} is not one character")),
    };
    let decimal = match top.get("decimal-mark").map(|(_, v)| v.as_str()) {
        None | Some(".") => '.',
        Some(",") => ',',
        Some(s) => return Err(format!("decimal-mark {s:?} is neither . nor ,")),
    };
    let encoding = match top.get("encoding").map(|(_, v)| v.to_lowercase()) {
        None => Encoding::Utf8,
        Some(e) => match e.as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "latin1" | "latin-1" | "iso-8859-1" | "iso8859-1" => Encoding::Latin1,
            "windows-1252" | "cp1252" => Encoding::Windows1252,
            "utf-16" | "utf16" => Encoding::Utf16,
            other => return Err(format!("encoding {other:?} is not one fondo reads")),
        },
    };
    let account1 = match (account, top.get("account1")) {
        (Some(a), _) => a.to_owned(),
        (None, Some((_, a))) => a.clone(),
        (None, None) => return Err(
            "the rules name no account1: add `account1 assets:bank:…` or give the fund's account"
                .into(),
        ),
    };
    let unknown = top.get("account2").map_or_else(
        || crate::domain::account::SUSPENSE.to_owned(),
        |(_, a)| a.clone(),
    );
    let mut rules = Vec::new();
    for (n, groups, sets) in blocks {
        if groups.is_empty() {
            return Err(format!("line {n}: an if block with no pattern"));
        }
        let mut rule = Rule {
            action: Some(Action::Post),
            account: Some(unknown.clone()),
            ..Rule::default()
        };
        for (line, key, value) in sets {
            match key.as_str() {
                "account2" => rule.account = Some(value),
                "account1" if value == account1 => {}
                "account1" => {
                    return Err(format!(
                        "line {line}: account1 {value:?} in an if block: a statement is of one account ({account1})"
                    ));
                }
                "comment" => rule.memo = Some(value),
                "description" => rule.title = Some(value),
                "amount" => {
                    let (negate, reference) = match value.strip_prefix('-') {
                        Some(r) => (true, r),
                        None => (false, value.as_str()),
                    };
                    rule.amount = Some(field(line, reference)?);
                    rule.negate = negate;
                }
                "skip" => {
                    rule.action = Some(Action::Skip);
                    rule.reason = Some(format!("skipped by the rules' if block at line {n}"));
                }
                _ => unreachable!("only the subset is collected"),
            }
        }
        // Lines of a block are alternatives; `&` lines join one.
        for group in groups {
            let mut when = BTreeMap::new();
            for pattern in group {
                let (column, regex) = match pattern.strip_prefix('%') {
                    Some(rest) => {
                        let (name, regex) =
                            rest.split_once(char::is_whitespace).ok_or_else(|| {
                                format!("line {n}: {pattern:?} has a field but no pattern")
                            })?;
                        (field(n, &format!("%{name}"))?, regex.trim().to_owned())
                    }
                    None => ("*".to_owned(), pattern.clone()),
                };
                if when.insert(column.clone(), regex).is_some() {
                    return Err(format!(
                        "line {n}: two patterns on one field joined with & are not supported"
                    ));
                }
            }
            rules.push(Rule {
                when,
                ..rule.clone()
            });
        }
    }
    let map = BankMap {
        file: FileFormat {
            delimiter: separator,
            date_format: top
                .get("date-format")
                .map_or_else(|| "%Y-%m-%d".to_owned(), |(_, v)| v.clone()),
            decimal,
            thousands: None,
            skip_lines: skip,
            encoding,
            header: false,
        },
        columns: Columns {
            date,
            amount: if amount_in.is_some() { None } else { amount },
            amount_in,
            amount_out,
            amount_is: AmountKind::Gross,
            currency: currency_column,
            payer: None,
            reference: None,
            description,
            fees: Vec::new(),
            balance: None,
        },
        defaults: Defaults {
            account: account1,
            currency,
            pool: None,
            fee_account: "expenses:fees:payments".to_owned(),
            suspense: unknown,
            grant_window_days: 7,
            source: None,
        },
        direction: None,
        currency_symbols: BTreeMap::new(),
        rules,
    };
    map.check()?;
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = "skip 1\nfields date, description, amount\ncurrency EUR\n\
        account1 assets:bank:eur\naccount2 expenses:unknown\n\n\
        if BAKERY\n  account2 expenses:food\n  comment bread\n\n\
        if %description ^rent\n& %amount ^-\n  account2 expenses:rent\n\n\
        if refund\n  skip\n";

    #[test]
    fn reads_the_common_subset() {
        let map = to_map(RULES, None).unwrap();
        assert_eq!(map.file.skip_lines, 1);
        assert_eq!(map.columns.date, "1");
        assert_eq!(map.columns.amount.as_deref(), Some("3"));
        assert_eq!(map.defaults.suspense, "expenses:unknown");
        assert_eq!(map.rules.len(), 3);
        assert_eq!(
            map.rules[0].when.get("*").map(String::as_str),
            Some("BAKERY")
        );
        assert_eq!(map.rules[0].memo.as_deref(), Some("bread"));
        assert_eq!(map.rules[1].when.len(), 2);
        assert_eq!(map.rules[2].action(), Action::Skip);
    }

    #[test]
    fn refuses_directives_outside_the_subset() {
        let err = to_map(&format!("{RULES}\nnewest-first\n"), None).unwrap_err();
        assert!(
            err.contains("the directive \"newest-first\" is not in the subset"),
            "{err}"
        );
        let err = to_map(
            "fields date, amount\ncurrency EUR\naccount1 a\nif x\n  balance %2\n",
            None,
        )
        .unwrap_err();
        assert!(
            err.contains("line 5: \"balance\" inside an if block"),
            "{err}"
        );
    }
}
