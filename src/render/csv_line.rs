//! CSV written a field at a time into a byte buffer ([`Line`]), so that a
//! run of fields that every record of a group repeats (a journal
//! transaction's cells, on the row of each of its postings) is encoded once
//! and copied into each record.
//!
//! The rule of this module: every byte of quoting and escaping is the csv
//! crate's own. A [`Line`] drives `csv_core::Writer`, the writer inside
//! `csv::Writer`, with the same defaults (`,` between fields, `"` around a
//! field only where needed and doubled inside it, `\n` after a record), so
//! its records are byte for byte those of `csv::Writer::write_record`. A
//! run holds whole fields, each with the delimiter after it: copied with
//! [`Line::push`], it may stand wherever a field may start.

use csv_core::WriteResult;

/// CSV bytes: whole records, or a run of whole fields each followed by its
/// delimiter.
pub struct Line {
    core: csv_core::Writer,
    /// The bytes so far are `buf[..len]`; the rest is room already made
    /// (the writer writes into initialised bytes, which are made once).
    buf: Vec<u8>,
    len: usize,
    /// Whether the record being written has bytes that did not go through
    /// `core` (a run pushed since the last record's end).
    pushed: bool,
    /// Whether `core` wrote a field of the record being written.
    written: bool,
}

impl Default for Line {
    fn default() -> Self {
        Line {
            core: csv_core::Writer::new(),
            buf: Vec::new(),
            len: 0,
            pushed: false,
            written: false,
        }
    }
}

impl Line {
    /// An empty line.
    pub fn new() -> Line {
        Line::default()
    }

    /// The bytes written.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Forgets the bytes, keeping the room they took.
    pub fn clear(&mut self) {
        self.len = 0;
        self.pushed = false;
        self.written = false;
    }

    /// Appends `field` and the delimiter after it.
    pub fn field(&mut self, field: &[u8]) {
        self.encode(field);
        self.put(|core, out| core.delimiter(out));
        self.written = true;
    }

    /// Appends `field`, the record's last, and the end of the record.
    ///
    /// # Panics
    /// When `field` is empty and every other field of the record was pushed
    /// in a run: the writer would take the record for one empty field and
    /// write `""`. A record that repeats runs writes one field of its own
    /// before its last (the journal's rows write several).
    pub fn end(&mut self, field: &[u8]) {
        assert!(
            !(self.pushed && !self.written && field.is_empty()),
            "a record of pushed runs ends with a field of its own"
        );
        self.encode(field);
        self.put(|core, out| core.terminator(out));
        self.pushed = false;
        self.written = false;
    }

    /// Appends a whole record of `fields`.
    ///
    /// # Panics
    /// When `fields` is empty: a CSV record has at least one field.
    pub fn record<T: AsRef<[u8]>>(&mut self, fields: &[T]) {
        let (last, rest) = fields.split_last().expect("a record has a field");
        for field in rest {
            self.field(field.as_ref());
        }
        self.end(last.as_ref());
    }

    /// Appends `run`: whole fields, each with the delimiter after it (a
    /// line only [`field`](Self::field) wrote to).
    pub fn push(&mut self, run: &Line) {
        let bytes = run.as_bytes();
        self.room(bytes.len()).copy_from_slice(bytes);
        self.len += bytes.len();
        self.pushed = true;
    }

    /// At least `n` bytes of room after the bytes written.
    fn room(&mut self, n: usize) -> &mut [u8] {
        let want = self.len + n;
        if self.buf.len() < want {
            self.buf.resize(want.max(self.buf.len() * 2), 0);
        }
        &mut self.buf[self.len..want]
    }

    /// Appends the bytes of `field` as the writer quotes them (closed by
    /// the delimiter or the end after it).
    fn encode(&mut self, mut field: &[u8]) {
        loop {
            // The most a field's bytes can become: every byte a doubled
            // quote, and the two quotes around it.
            let room = 2 * field.len() + 2;
            self.room(room);
            let (result, read, wrote) = self
                .core
                .field(field, &mut self.buf[self.len..self.len + room]);
            self.len += wrote;
            field = &field[read..];
            if matches!(result, WriteResult::InputEmpty) {
                return;
            }
        }
    }

    /// Appends what `write` writes (a delimiter or a record's end, with a
    /// closing quote), growing the room until it fits.
    fn put(&mut self, write: impl Fn(&mut csv_core::Writer, &mut [u8]) -> (WriteResult, usize)) {
        let mut room = 8;
        loop {
            self.room(room);
            let (result, wrote) = write(&mut self.core, &mut self.buf[self.len..self.len + room]);
            self.len += wrote;
            if matches!(result, WriteResult::InputEmpty) {
                return;
            }
            room *= 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `csv::Writer` writes for `records` (of any lengths: that
    /// check is the writer's, not part of the bytes).
    fn csv_writer(records: &[Vec<String>]) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for record in records {
            writer.write_record(record).unwrap();
        }
        writer.into_inner().unwrap()
    }

    /// `record` written with its fields `from..to` pushed as a run.
    fn with_run(line: &mut Line, record: &[String], from: usize, to: usize) {
        let mut run = Line::new();
        for field in &record[from..to] {
            run.field(field.as_bytes());
        }
        let (last, rest) = record.split_last().unwrap();
        for (i, field) in rest.iter().enumerate() {
            if i == from {
                line.push(&run);
            }
            if !(from..to).contains(&i) {
                line.field(field.as_bytes());
            }
        }
        line.end(last.as_bytes());
    }

    fn text() -> impl Strategy<Value = String> {
        // Quotes, delimiters, both line ends, a non-ASCII letter and plain
        // text, often empty.
        proptest::string::string_regex("[a\",\r\n é=]{0,6}").unwrap()
    }

    proptest! {
        #[test]
        fn fields_are_written_as_csv_writes_them(
            records in proptest::collection::vec(proptest::collection::vec(text(), 1..6), 1..5)
        ) {
            let mut line = Line::new();
            for record in &records {
                line.record(record);
            }
            prop_assert_eq!(line.as_bytes(), &csv_writer(&records)[..]);
        }

        #[test]
        fn a_pushed_run_is_written_as_its_fields_would_be(
            records in proptest::collection::vec(
                (proptest::collection::vec(text(), 3..8), 0usize..8, 0usize..8), 1..5)
        ) {
            let mut line = Line::new();
            let mut plain = Vec::new();
            for (record, a, b) in &records {
                // A run among all but the last field, and at least one field
                // of the record's own besides the last.
                let n = record.len() - 1;
                let from = a % n;
                let mut to = (from + 1 + b % n).min(n);
                if to - from == n {
                    to -= 1;
                }
                with_run(&mut line, record, from, to);
                plain.push(record.clone());
            }
            prop_assert_eq!(line.as_bytes(), &csv_writer(&plain)[..]);
        }
    }

    #[test]
    fn a_record_of_one_empty_field_is_quoted_as_csv_does() {
        let mut line = Line::new();
        line.end(b"");
        assert_eq!(line.as_bytes(), &csv_writer(&[vec![String::new()]])[..]);
    }

    #[test]
    fn a_long_field_grows_the_room() {
        let field = "\"".repeat(10_000);
        let mut line = Line::new();
        line.field(b"a");
        line.end(field.as_bytes());
        assert_eq!(line.as_bytes(), &csv_writer(&[vec!["a".into(), field]])[..]);
    }

    #[test]
    fn clear_keeps_nothing() {
        let mut line = Line::new();
        line.field(b"x,y");
        line.end(b"z");
        line.clear();
        line.field(b"1");
        line.end(b"2");
        assert_eq!(line.as_bytes(), b"1,2\n");
    }

    #[test]
    #[should_panic(expected = "ends with a field of its own")]
    fn a_record_of_runs_cannot_end_empty() {
        let mut run = Line::new();
        run.field(b"a");
        let mut line = Line::new();
        line.push(&run);
        line.end(b"");
    }
}
