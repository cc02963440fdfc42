//! Renders rows for people (an aligned table) or for scripts (JSON, CSV, TSV).
//! Every listing command builds a [`Table`] and hands it here, so all of them print alike.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

use anyhow::Result;
use comfy_table::{presets, ColumnConstraint, ContentArrangement, Width};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::args::TableFormat;

/// What a command's standard output is: a terminal (tables for people, wrapped to its
/// width) or a pipe (TSV for scripts). Measured by the process that owns the output, so a
/// `hearsay serve` running a command for a client lays it out for the client's terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Console {
    pub terminal: bool,
    /// `COLUMNS` when set (a user or a test fixing the width), else the terminal's width.
    pub width: Option<u16>,
}

impl Console {
    /// This process's standard output.
    pub fn of_stdout() -> Console {
        let terminal = std::io::stdout().is_terminal();
        let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
        // comfy-table measures the terminal only when stdout is one.
        let width = columns.or_else(|| comfy_table::Table::new().width());
        Console { terminal, width }
    }
}

/// Rows of cells under named columns. Cells are JSON values so that `--format json` keeps
/// numbers as numbers; the text formats print them plainly.
#[derive(Debug, Default)]
pub struct Table {
    pub columns: Vec<Cow<'static, str>>,
    pub rows: Vec<Vec<Value>>,
    /// Columns that may wrap on a narrow terminal; the others keep their width, so ids and
    /// dates stay whole and copyable. Default: the last column.
    pub wrapping: Vec<Cow<'static, str>>,
}

impl Table {
    /// Columns named by the caller (`"source"`), or at run time (a query's variables).
    pub fn new<C: Into<Cow<'static, str>>>(columns: Vec<C>) -> Self {
        let columns: Vec<Cow<'static, str>> = columns.into_iter().map(Into::into).collect();
        Table {
            wrapping: columns.last().cloned().into_iter().collect(),
            columns,
            rows: Vec::new(),
        }
    }

    /// Lets `columns` wrap instead of the last one.
    pub fn wrapping(mut self, columns: &[&'static str]) -> Self {
        self.wrapping = columns.iter().map(|&c| Cow::Borrowed(c)).collect();
        self
    }

    /// Lets every column wrap.
    pub fn all_wrapping(mut self) -> Self {
        self.wrapping = self.columns.clone();
        self
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The format to use when the user named none: a table for a person at a terminal, TSV
/// for a pipe (one row per line, easy to `cut` and `sort`).
pub fn default_format(chosen: Option<TableFormat>, console: &Console) -> TableFormat {
    chosen.unwrap_or(if console.terminal {
        TableFormat::Table
    } else {
        TableFormat::Tsv
    })
}

/// Writes `table` to `out` in `format`, tables at most `width` columns wide.
pub fn write_table(
    table: &Table,
    format: TableFormat,
    width: Option<u16>,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        TableFormat::Table => write_aligned(table, width, out),
        TableFormat::Json => write_json(table, out),
        TableFormat::Csv => write_delimited(table, b',', out),
        TableFormat::Tsv => write_delimited(table, b'\t', out),
    }
}

/// A cell as plain text: strings unquoted, null as empty.
pub fn cell_text(value: &Value) -> String {
    cell_str(value).into_owned()
}

/// [`cell_text`], a string cell borrowed rather than copied.
fn cell_str(value: &Value) -> Cow<'_, str> {
    match value {
        Value::Null => Cow::Borrowed(""),
        Value::String(s) => Cow::Borrowed(s),
        Value::Number(n) => Cow::Owned(match n.as_f64() {
            Some(x) if n.is_f64() => format!("{x:.2}"),
            _ => n.to_string(),
        }),
        other => Cow::Owned(other.to_string()),
    }
}

/// Below this many characters for each wrapping column, a table is unreadable (a source
/// three letters wide): rows are printed as records instead.
const MIN_WRAPPING_WIDTH: usize = 16;

fn write_aligned(table: &Table, width: Option<u16>, out: &mut dyn Write) -> Result<()> {
    match width {
        Some(width) if !fits(table, width) => write_records(table, width, out),
        _ => write_columns(table, width, out),
    }
}

/// Whether `table`'s fixed columns leave its wrapping ones [`MIN_WRAPPING_WIDTH`] each in
/// `width` characters (every column is padded by a space on each side).
fn fits(table: &Table, width: u16) -> bool {
    let fixed: usize = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, name)| !table.wrapping.contains(name))
        .map(|(index, name)| {
            let widest_cell = table
                .rows
                .iter()
                .filter_map(|row| row.get(index))
                .map(|cell| cell_text(cell).chars().count())
                .max()
                .unwrap_or(0);
            widest_cell.max(name.chars().count())
        })
        .sum();
    let needed = fixed + 2 * table.columns.len() + MIN_WRAPPING_WIDTH * table.wrapping.len();
    needed <= usize::from(width)
}

/// Each row as a record, a line per column ("source  U.S. officials"), long values wrapped
/// to `width`; records apart by a blank line, as `psql`'s expanded display.
fn write_records(table: &Table, width: u16, out: &mut dyn Write) -> Result<()> {
    for (number, row) in table.rows.iter().enumerate() {
        if number > 0 {
            writeln!(out)?;
        }
        let mut record = comfy_table::Table::new();
        record
            .load_preset(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .force_no_tty()
            .set_width(width);
        for (name, cell) in table.columns.iter().zip(row) {
            record.add_row(vec![name.to_string(), cell_text(cell)]);
        }
        if let Some(names) = record.column_mut(0) {
            names.set_constraint(ColumnConstraint::ContentWidth);
        }
        writeln!(out, "{record}")?;
    }
    Ok(())
}

fn write_columns(table: &Table, width: Option<u16>, out: &mut dyn Write) -> Result<()> {
    let mut rendered = comfy_table::Table::new();
    rendered
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(table.columns.iter().map(AsRef::<str>::as_ref))
        // The width is the console's, measured where the output goes: never this process's
        // own stdout, which is a socket when a server writes the table.
        .force_no_tty();
    if let Some(width) = width {
        rendered.set_width(width);
    }
    for row in &table.rows {
        rendered.add_row(row.iter().map(cell_text));
    }
    // Fixed columns keep their width; of the wrapping ones, the last (the content, in
    // practice) gets what the others leave, the others at most a quarter of the line each.
    let last_wrapping = table.wrapping.last();
    for (index, name) in table.columns.iter().enumerate() {
        let constraint = if !table.wrapping.contains(name) {
            ColumnConstraint::ContentWidth
        } else if Some(name) != last_wrapping {
            ColumnConstraint::UpperBoundary(Width::Percentage(25))
        } else {
            continue;
        };
        if let Some(column) = rendered.column_mut(index) {
            column.set_constraint(constraint);
        }
    }
    writeln!(out, "{rendered}")?;
    Ok(())
}

fn write_json(table: &Table, out: &mut dyn Write) -> Result<()> {
    let objects: Vec<Value> = table
        .rows
        .iter()
        .map(|row| {
            let object: Map<String, Value> = table
                .columns
                .iter()
                .map(|c| c.to_string())
                .zip(row.iter().cloned())
                .collect();
            Value::Object(object)
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &objects)?;
    writeln!(out)?;
    Ok(())
}

/// The bytes CSV and TSV output gathers before writing them.
const OUTPUT_BUFFER: usize = 64 * 1024;

fn write_delimited(table: &Table, delimiter: u8, out: &mut dyn Write) -> Result<()> {
    let tsv = delimiter == b'\t';
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        // TSV has no quoting: tabs and line breaks inside a cell become spaces instead.
        .quote_style(if tsv {
            csv::QuoteStyle::Never
        } else {
            csv::QuoteStyle::Necessary
        })
        // Fewer, larger writes: a lookup's thousands of rows are a megabyte or more, and
        // each write of a served lookup is a frame on its socket.
        .buffer_capacity(OUTPUT_BUFFER)
        .from_writer(out);
    writer.write_record(table.columns.iter().map(|c| c.as_bytes()))?;
    const BREAKS: [char; 3] = ['\t', '\n', '\r'];
    for row in &table.rows {
        writer.write_record(row.iter().map(|v| match cell_str(v) {
            text if tsv && text.contains(BREAKS) => {
                Cow::Owned(text.replace(BREAKS, " ").into_bytes())
            }
            Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
            Cow::Owned(text) => Cow::Owned(text.into_bytes()),
        }))?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Table {
        let mut t = Table::new(vec!["source", "content", "confidence"]);
        t.push(vec![
            json!("U.S. officials"),
            json!("a, \"b\"\tc"),
            json!(0.5),
        ]);
        t
    }

    fn render(format: TableFormat) -> String {
        let mut out = Vec::new();
        write_table(&sample(), format, None, &mut out)
            .map_err(|e| e.to_string())
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_quotes_and_tsv_flattens() {
        assert_eq!(
            render(TableFormat::Csv),
            "source,content,confidence\nU.S. officials,\"a, \"\"b\"\"\tc\",0.50\n"
        );
        assert_eq!(
            render(TableFormat::Tsv),
            "source\tcontent\tconfidence\nU.S. officials\ta, \"b\" c\t0.50\n"
        );
    }

    #[test]
    fn json_keeps_numbers() {
        let v: Value = serde_json::from_str(&render(TableFormat::Json)).unwrap();
        assert_eq!(v[0]["confidence"], json!(0.5));
        assert_eq!(v[0]["source"], json!("U.S. officials"));
    }

    #[test]
    fn a_narrow_console_gets_records_and_a_wide_one_a_table() {
        let mut table =
            Table::new(vec!["id", "source", "content"]).wrapping(&["source", "content"]);
        table.push(vec![
            json!("8831933207016bb7-0"),
            json!("U.S. officials"),
            json!("Valdoria has agreed to lease a deep-water berth at its largest port"),
        ]);
        table.push(vec![
            json!("8831933207016bb7-1"),
            json!("Valdoria"),
            json!("no"),
        ]);
        let render = |width| {
            let mut out = Vec::new();
            write_table(&table, TableFormat::Table, Some(width), &mut out)
                .map_err(|e| e.to_string())
                .unwrap();
            String::from_utf8(out).unwrap()
        };
        // 18 + 6 padding + 2 × 16 = 56 columns at least.
        let wide = render(56);
        assert!(wide.lines().next().unwrap().contains("source"), "{wide}");
        let narrow = render(55);
        let lines: Vec<&str> = narrow.lines().collect();
        assert!(
            lines[0].contains("id") && lines[0].contains("8831933207016bb7-0"),
            "{narrow}"
        );
        assert!(
            lines[1].contains("source") && lines[1].contains("U.S. officials"),
            "{narrow}"
        );
        assert!(narrow.lines().all(|l| l.chars().count() <= 55), "{narrow}");
        assert!(narrow.contains("8831933207016bb7-1"), "{narrow}");
        // Without a width (a pipe asked for a table), columns as ever.
        let mut out = Vec::new();
        write_table(&table, TableFormat::Table, None, &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().starts_with(" id"));
    }

    #[test]
    fn table_aligns_with_header() {
        let text = render(TableFormat::Table);
        assert!(text.contains("source"));
        assert!(text.contains("U.S. officials"));
    }
}
