//! Reading CSV input strictly: shared by the journal and bank importers.
//!
//! `CsvFile` streams records with their true line numbers (counted from the
//! raw bytes, since the csv crate's own count drifts on CRLF files and blank
//! lines), ignores a UTF-8 byte-order mark, refuses rows whose field count
//! differs from the header's, and flags stray quotes that the csv crate would
//! silently accept (`"Rent "relief""`). Problems are collected in
//! `Problems`, so an import can report all of them at once.
//!
//! Bank statements are first decoded from the map's encoding with
//! `encoding_rs` (`CsvFile::open_statement`): a file that does not decode
//! is refused with the line it fails on and the encoding to try, never
//! read with replacement characters. Their preamble is skipped as physical
//! lines, and a file without a header names its columns by position.

use std::fs::File;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use csv::{ReaderBuilder, StringRecord};

use crate::domain::bankmap::Encoding;
use crate::error::{Cause, Error, Problem, ProblemCode, Result};

/// How many problems an import reports before only counting the rest.
pub const MAX_PROBLEMS: usize = 100;

/// Collects problems, keeping the first [`MAX_PROBLEMS`].
#[derive(Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    more: usize,
}

impl Problems {
    pub fn push(
        &mut self,
        code: ProblemCode,
        line: u64,
        field: Option<&str>,
        message: impl Into<String>,
    ) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem {
                code,
                line,
                field: field.map(str::to_owned),
                message: message.into(),
                cause: None,
            });
        } else {
            self.more += 1;
        }
    }

    /// Records `error` as the problem of a line (and column).
    pub fn push_error(&mut self, code: ProblemCode, line: u64, field: Option<&str>, error: &Error) {
        self.push(code, line, field, error.to_string());
        if let Some(last) = self.list.last_mut().filter(|_| self.more == 0) {
            last.cause = Cause::of(error);
        }
    }

    pub fn count(&self) -> usize {
        self.list.len() + self.more
    }

    /// Adds the problems another reader of the same file collected: the
    /// first [`MAX_PROBLEMS`] of both by line are kept, the rest counted.
    pub fn merge(&mut self, other: Problems) {
        self.list.extend(other.list);
        self.list.sort_by_key(|p| p.line);
        let over = self.list.len().saturating_sub(MAX_PROBLEMS);
        self.list.truncate(MAX_PROBLEMS);
        self.more += other.more + over;
    }

    /// `Ok` when there were none, else the import error listing them by line.
    pub fn check(self, label: &str) -> Result<()> {
        if self.count() == 0 {
            return Ok(());
        }
        let mut list = self.list;
        list.sort_by_key(|p| p.line);
        Err(Error::Import {
            path: label.to_owned(),
            problems: list,
            more: self.more,
        })
    }
}

/// A one-problem import error about the file as a whole, on `line`.
pub(crate) fn file_problem(label: &str, code: ProblemCode, line: u64, message: String) -> Error {
    Error::Import {
        path: label.to_owned(),
        problems: vec![Problem {
            code,
            line,
            field: None,
            message,
            cause: None,
        }],
        more: 0,
    }
}

/// A reader that keeps a copy of what it hands out, so that the raw text of
/// each record can be checked. [`RawRecords`] drains the copy after every
/// record, so it holds at most one buffer's worth. The copy is shared behind
/// a mutex (locked once per buffer read and once per record, never
/// contended), so that a file can be read in a thread of its own.
struct Tee<R> {
    inner: R,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// Finds a quote that the CSV reader would silently accept but that almost
/// certainly means a broken file: a quote inside an unquoted field, or text
/// after the closing quote of a quoted field (`"Rent "relief""`). Returns the
/// 0-based index of the field it is in.
fn stray_quote(raw: &[u8], delimiter: u8) -> Option<usize> {
    let end_of_field =
        |b: Option<&u8>| b.is_none_or(|&b| b == delimiter || b == b'\r' || b == b'\n');
    let mut field = 0;
    let mut i = 0;
    loop {
        if raw.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match raw.get(i) {
                    // Unterminated: the CSV reader reports it as a short row.
                    None => return None,
                    Some(b'"') if raw.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            if !end_of_field(raw.get(i)) {
                return Some(field);
            }
        } else {
            while !end_of_field(raw.get(i)) {
                if raw[i] == b'"' {
                    return Some(field);
                }
                i += 1;
            }
        }
        if raw.get(i) != Some(&delimiter) {
            return None;
        }
        field += 1;
        i += 1;
    }
}

/// Follows the raw bytes the CSV reader consumed, record by record.
struct RawRecords {
    seen: Arc<Mutex<Vec<u8>>>,
    /// File offset of `seen[0]`.
    offset: u64,
    /// Line breaks consumed so far.
    newlines: u64,
    delimiter: u8,
}

impl RawRecords {
    /// Takes the bytes up to file offset `end` (where the reader stands after
    /// a record): the record's first line, and the field with a stray quote.
    fn take(&mut self, end: u64) -> (u64, Option<usize>) {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let upto = usize::try_from(end.saturating_sub(self.offset))
            .unwrap_or(usize::MAX)
            .min(seen.len());
        let raw = &seen[..upto];
        let start = raw
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(raw.len());
        let count = |bytes: &[u8]| bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let leading = count(&raw[..start]);
        let line = self.newlines + leading + 1;
        let stray = stray_quote(&raw[start..], self.delimiter);
        self.newlines += leading + count(&raw[start..]);
        seen.drain(..upto);
        self.offset = end;
        (line, stray)
    }
}

/// A CSV file being read: its header and a stream of checked records.
pub(crate) struct CsvFile {
    reader: csv::Reader<Box<dyn Read + Send>>,
    raw: RawRecords,
    /// The header's column names (byte-order mark removed).
    pub header: Vec<String>,
    /// The line the header is on.
    pub header_line: u64,
    /// A first data row read to count the columns of a headerless file.
    pending: Option<(StringRecord, u64)>,
}

/// The line (1-based) that byte `at` of `bytes` is on.
fn line_at(bytes: &[u8], at: usize) -> u64 {
    bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}

/// What to try when a file does not decode as `tried`.
fn encoding_hint(bytes: &[u8], tried: Encoding) -> String {
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    let suggest = if utf16 {
        "encoding = \"utf-16\""
    } else if std::str::from_utf8(bytes).is_ok() {
        "encoding = \"utf-8\""
    } else {
        "encoding = \"windows-1252\" (or \"latin-1\")"
    };
    format!(
        "the text is not valid {}: set the map's file.encoding, e.g. {suggest}",
        tried.name().to_uppercase()
    )
}

/// Decodes a whole file from `encoding` into UTF-8 text without a
/// byte-order mark; undecodable bytes are an error on their line.
pub(crate) fn decode(bytes: &[u8], encoding: Encoding, label: &str) -> Result<String> {
    let fail = |at: usize| {
        file_problem(
            label,
            ProblemCode::I201,
            line_at(bytes, at),
            encoding_hint(bytes, encoding),
        )
    };
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => {
            let body = match bytes.strip_prefix(b"\xef\xbb\xbf") {
                Some(body) => body,
                None if encoding == Encoding::Utf8Bom => {
                    return Err(file_problem(
                        label, ProblemCode::I201,
                        1,
                        "the file does not start with a UTF-8 byte-order mark: set the map's file.encoding = \"utf-8\"".into(),
                    ));
                }
                None => bytes,
            };
            let skipped = bytes.len() - body.len();
            match std::str::from_utf8(body) {
                Ok(text) => Ok(text.to_owned()),
                Err(e) => Err(fail(skipped + e.valid_up_to())),
            }
        }
        Encoding::Latin1 => Ok(encoding_rs::mem::decode_latin1(bytes).into_owned()),
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| text.into_owned())
            .ok_or_else(|| fail(0)),
        Encoding::Utf16 => {
            let Some((utf16, bom)) = encoding_rs::Encoding::for_bom(bytes)
                .filter(|(e, _)| *e == encoding_rs::UTF_16LE || *e == encoding_rs::UTF_16BE)
            else {
                return Err(file_problem(
                    label, ProblemCode::I201,
                    1,
                    "the file does not start with a UTF-16 byte-order mark (FF FE or FE FF): check the map's file.encoding".into(),
                ));
            };
            utf16
                .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
                .map(|text| text.into_owned())
                .ok_or_else(|| {
                    file_problem(
                        label, ProblemCode::I201,
                        1,
                        "the text is not valid utf-16 (an unpaired surrogate or an odd number of bytes)".into(),
                    )
                })
        }
    }
}

impl CsvFile {
    /// Opens a file, skips `skip_lines` records before the header (a bank's
    /// preamble), and reads the header. `label` names the file in messages.
    pub fn open(path: &Path, label: &str, delimiter: u8, skip_lines: usize) -> Result<CsvFile> {
        let file = File::open(path).map_err(|source| Error::Io {
            context: format!("opening {label}"),
            source,
        })?;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let tee = Tee {
            inner: BufReader::with_capacity(1 << 16, file),
            seen: Arc::clone(&seen),
        };
        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(Box::new(tee) as Box<dyn Read + Send>);
        let mut csv = CsvFile {
            reader,
            raw: RawRecords {
                seen,
                offset: 0,
                newlines: 0,
                delimiter,
            },
            header: Vec::new(),
            header_line: 1,
            pending: None,
        };
        let mut record = StringRecord::new();
        for _ in 0..=skip_lines {
            let read = csv.reader.read_record(&mut record);
            csv.header_line = csv.raw.take(csv.reader.position().byte()).0;
            match read {
                Ok(true) => {}
                Ok(false) => {
                    return Err(file_problem(
                        label,
                        ProblemCode::I201,
                        csv.header_line,
                        "the file is empty: expected a header row".into(),
                    ));
                }
                Err(e) => {
                    return Err(file_problem(
                        label,
                        ProblemCode::I201,
                        csv.header_line,
                        format!("unreadable header: {e}"),
                    ));
                }
            }
        }
        csv.header = record
            .iter()
            .enumerate()
            .map(|(i, name)| match i {
                0 => name.trim_start_matches('\u{feff}').to_owned(),
                _ => name.to_owned(),
            })
            .collect();
        Ok(csv)
    }

    /// Opens a bank statement: decodes it from `encoding`, skips
    /// `skip_lines` physical lines, and reads the header, or (when `header`
    /// is false) names the columns `1`, `2`, … by position.
    pub fn open_statement(
        path: &Path,
        label: &str,
        delimiter: u8,
        encoding: Encoding,
        skip_lines: usize,
        header: bool,
    ) -> Result<CsvFile> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            context: format!("opening {label}"),
            source,
        })?;
        let text = decode(&bytes, encoding, label)?;
        drop(bytes);
        let mut start = 0;
        for _ in 0..skip_lines {
            match text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => {
                    return Err(file_problem(
                        label,
                        ProblemCode::I201,
                        1,
                        format!(
                            "the file has fewer than the map's skip_lines = {skip_lines} lines"
                        ),
                    ));
                }
            }
        }
        let mut body = text.into_bytes();
        body.drain(..start);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let tee = Tee {
            inner: Cursor::new(body),
            seen: Arc::clone(&seen),
        };
        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(Box::new(tee) as Box<dyn Read + Send>);
        let mut csv = CsvFile {
            reader,
            raw: RawRecords {
                seen,
                offset: 0,
                newlines: skip_lines as u64,
                delimiter,
            },
            header: Vec::new(),
            header_line: skip_lines as u64 + 1,
            pending: None,
        };
        let mut record = StringRecord::new();
        let read = csv.reader.read_record(&mut record);
        let line = csv.raw.take(csv.reader.position().byte()).0;
        csv.header_line = line;
        match read {
            Ok(true) => {}
            Ok(false) if header => {
                return Err(file_problem(
                    label,
                    ProblemCode::I201,
                    line,
                    "the file is empty: expected a header row".into(),
                ));
            }
            Ok(false) => return Ok(csv),
            Err(e) => {
                return Err(file_problem(
                    label,
                    ProblemCode::I201,
                    line,
                    format!("unreadable row: {e}"),
                ));
            }
        }
        if header {
            csv.header = record.iter().map(str::to_owned).collect();
        } else {
            csv.header = (1..=record.len()).map(|i| i.to_string()).collect();
            csv.pending = Some((record, line));
        }
        Ok(csv)
    }

    /// Reads the next sound record into `record` and returns its line;
    /// `None` at the end. Malformed rows are recorded in `problems` and
    /// skipped; a stray quote is recorded but the row is still returned, so
    /// that its other problems are found too.
    pub fn next(
        &mut self,
        record: &mut StringRecord,
        problems: &mut Problems,
    ) -> Result<Option<u64>> {
        if let Some((first, line)) = self.pending.take() {
            *record = first;
            return Ok(Some(line));
        }
        loop {
            let read = self.reader.read_record(record);
            let (line, stray) = self.raw.take(self.reader.position().byte());
            match read {
                Ok(false) => return Ok(None),
                Ok(true) if record.len() != self.header.len() => {
                    problems.push(
                        ProblemCode::I201,
                        line,
                        None,
                        format!(
                            "expected {} fields like the header, found {}",
                            self.header.len(),
                            record.len()
                        ),
                    );
                }
                Ok(true) => {
                    if let Some(field) = stray {
                        problems.push(
                            ProblemCode::I201,
                            line,
                            self.header.get(field).map(String::as_str),
                            "stray quote: a field containing quotes must be quoted as a whole, with inner quotes doubled (\"Rent \"\"relief\"\"\")",
                        );
                    }
                    return Ok(Some(line));
                }
                Err(e) => {
                    let message = match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8".to_owned(),
                        _ => e.to_string(),
                    };
                    problems.push(ProblemCode::I201, line, None, message);
                    if let csv::ErrorKind::Io(io) = e.kind() {
                        return Err(Error::Io {
                            context: "reading the file".into(),
                            source: std::io::Error::new(io.kind(), io.to_string()),
                        });
                    }
                }
            }
        }
    }

    /// A problem with the header row.
    pub fn header_problem(&self, label: &str, message: String) -> Error {
        file_problem(label, ProblemCode::I202, self.header_line, message)
    }

    /// How many bytes have been read (for progress bars).
    pub fn position(&self) -> u64 {
        self.reader.position().byte()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_stray_quotes() {
        assert_eq!(stray_quote(b"1,\"Rent \"relief\"\",x\n", b','), Some(1));
        assert_eq!(stray_quote(b"2,Rent \"relief\",x\r\n", b','), Some(1));
        assert_eq!(
            stray_quote(b"3,\"ok \"\"quoted\"\"\",\"a,b\"\n", b','),
            None
        );
        assert_eq!(stray_quote(b"4,plain,,last", b','), None);
        assert_eq!(stray_quote(b"\"multi\nline\",x\n", b','), None);
        assert_eq!(stray_quote(b"a;\"b;c\";d\"e", b';'), Some(2));
    }
}
