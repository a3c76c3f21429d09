//! Bytes of an uploaded spreadsheet into rows of cell texts: XLSX (first
//! sheet) or CSV in UTF-8, UTF-16 or GBK/GB18030, the encodings Excel and WPS
//! write on Chinese systems.

use calamine::{DataRef, Reader, Xlsx};
use furrow_domain::import::{MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS};
use furrow_store::import::SheetRow;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Cursor;

/// How the uploaded bytes are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Comma- (or tab-) separated text.
    Csv,
    /// An Excel 2007+ workbook; its first sheet is read.
    Xlsx,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// Old binary Office files (`.xls`) are OLE compound documents.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

impl FileFormat {
    /// XLSX when the bytes are a zip archive, else CSV.
    pub fn sniff(bytes: &[u8]) -> Self {
        if bytes.starts_with(ZIP_MAGIC) {
            FileFormat::Xlsx
        } else {
            FileFormat::Csv
        }
    }
}

/// Reads every non-blank row (the first is the header). Fails with a message
/// for the user when the file cannot be read or is too big.
pub fn decode(bytes: &[u8], format: FileFormat) -> Result<Vec<SheetRow>, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("the file is empty".into());
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(
            "this is an old binary Excel workbook (.xls); save it as .xlsx or CSV and import that"
                .into(),
        );
    }
    let rows = match format {
        FileFormat::Xlsx => xlsx_rows(bytes)?,
        FileFormat::Csv if bytes.starts_with(ZIP_MAGIC) => {
            return Err(
                "the file is a zip archive (an XLSX workbook?), not CSV text; send it as XLSX"
                    .into(),
            );
        }
        FileFormat::Csv => csv_rows(&text_of(bytes)?)?,
    };
    if rows.is_empty() {
        return Err("the file has no rows".into());
    }
    Ok(rows)
}

/// The text of a CSV file: a byte-order mark decides when there is one; else
/// UTF-8 when the bytes are valid UTF-8 (GBK text almost never is), else GB18030,
/// the superset of GBK that Chinese Excel uses for "CSV (逗号分隔)".
fn text_of(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|e| format!("the file says it is UTF-8 but is not: {e}"));
    }
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            // "Unicode text" exports of Excel are UTF-16 with a BOM.
            let (text, _, bad) = encoding.decode(bytes);
            return if bad {
                Err("the file is not valid UTF-16 text".into())
            } else {
                Ok(text)
            };
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    let (text, bad) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if bad {
        return Err(
            "the file is neither UTF-8 nor GBK/GB18030 text; save it as CSV UTF-8 or as XLSX"
                .into(),
        );
    }
    Ok(text)
}

/// The separator of the header line: comma, or tab / semicolon when those are
/// what the line has more of (UTF-16 text exports and some locales use them).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b'\t', b';']
        .into_iter()
        .map(|d| (d, first.bytes().filter(|b| *b == d).count()))
        .filter(|&(_, n)| n > first.bytes().filter(|b| *b == b',').count())
        .max_by_key(|&(_, n)| n)
        .map_or(b',', |(d, _)| d)
}

fn csv_rows(text: &str) -> Result<Vec<SheetRow>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // A spreadsheet numbers records, not lines: a blank line is a row of its
    // own, but a line break inside a quoted cell is not. So the row number is
    // the count of line breaks before the record less those inside cells.
    // The reader's position is where the previous record ended, before any
    // blank lines, so the record's first byte is found by skipping those.
    let bytes = text.as_bytes();
    let (mut counted_to, mut breaks_before, mut inner_breaks) = (0usize, 0u64, 0u64);
    for record in reader.records() {
        let record = record.map_err(|e| format!("the CSV text cannot be read: {e}"))?;
        let mut start = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        breaks_before += bytes[counted_to.min(start)..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted_to = counted_to.max(start);
        let number = breaks_before + 1 - inner_breaks.min(breaks_before);
        inner_breaks += record
            .iter()
            .map(|c| c.matches('\n').count() as u64)
            .sum::<u64>();
        let cells: Vec<String> = record
            .iter()
            .take(MAX_IMPORT_COLUMNS)
            .map(str::to_owned)
            .collect();
        push_row(&mut rows, number as u32, cells)?;
    }
    Ok(rows)
}

fn push_row(rows: &mut Vec<SheetRow>, number: u32, cells: Vec<String>) -> Result<(), String> {
    if cells.iter().all(|c| c.trim().is_empty()) {
        return Ok(());
    }
    if rows.len() > MAX_IMPORT_ROWS {
        return Err(format!(
            "the file has more than {MAX_IMPORT_ROWS} data rows; split it into several imports"
        ));
    }
    rows.push(SheetRow { number, cells });
    Ok(())
}

fn xlsx_rows(bytes: &[u8]) -> Result<Vec<SheetRow>, String> {
    let unreadable =
        |e: calamine::XlsxError| format!("the file is not a readable XLSX workbook ({e})");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or("the workbook has no sheet")?;
    let mut reader = book.worksheet_cells_reader(&sheet).map_err(unreadable)?;
    // Streamed cell by cell rather than as a Range, whose size comes from the
    // file's own claims: a few far-apart cells must not allocate a huge grid.
    let mut sheet_rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        let text = cell_text(cell.get_value());
        if col as usize >= MAX_IMPORT_COLUMNS || text.is_empty() {
            continue;
        }
        if !sheet_rows.contains_key(&row) && sheet_rows.len() > MAX_IMPORT_ROWS {
            return Err(format!(
                "the file has more than {MAX_IMPORT_ROWS} data rows; split it into several imports"
            ));
        }
        let cells = sheet_rows.entry(row).or_default();
        if cells.len() <= col as usize {
            cells.resize(col as usize + 1, String::new());
        }
        cells[col as usize] = text;
    }
    let mut rows = Vec::with_capacity(sheet_rows.len());
    for (row, cells) in sheet_rows {
        push_row(&mut rows, row + 1, cells)?;
    }
    Ok(rows)
}

/// A cell as text. Whole numbers lose their `.0` (a phone number stored as a
/// number must not read as `13804511234.0`); dates become `YYYY-MM-DD`.
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        DataRef::DateTime(dt) => dt.as_f64().to_string(),
        DataRef::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[SheetRow]) -> Vec<(u32, Vec<&str>)> {
        rows.iter()
            .map(|r| (r.number, r.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn utf8_with_bom_and_quoted_line_breaks_keep_spreadsheet_row_numbers() {
        let csv = "\u{feff}客户编号,备注\nC1,\"两行\n备注\"\n\nC2,x\n";
        let rows = decode(csv.as_bytes(), FileFormat::Csv).unwrap();
        assert_eq!(
            texts(&rows),
            vec![
                (1, vec!["客户编号", "备注"]),
                (2, vec!["C1", "两行\n备注"]),
                (4, vec!["C2", "x"])
            ]
        );
    }

    #[test]
    fn gbk_bytes_are_decoded_as_gb18030() {
        let (bytes, _, _) = encoding_rs::GBK.encode("客户名称\n张建华\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        let rows = decode(&bytes, FileFormat::Csv).unwrap();
        assert_eq!(rows[1].cells, vec!["张建华"]);
    }

    #[test]
    fn utf16_tab_separated_text_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "出厂编号\t备注\r\nSN1\t好\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let rows = decode(&bytes, FileFormat::Csv).unwrap();
        assert_eq!(
            texts(&rows),
            vec![(1, vec!["出厂编号", "备注"]), (2, vec!["SN1", "好"])]
        );
    }

    #[test]
    fn unreadable_files_are_explained() {
        assert!(
            decode(b"  \n", FileFormat::Csv)
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            decode(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2], FileFormat::Xlsx)
                .unwrap_err()
                .contains(".xls")
        );
        assert!(
            decode(b"PK\x03\x04garbage", FileFormat::Xlsx)
                .unwrap_err()
                .contains("XLSX")
        );
        assert!(
            decode(b"PK\x03\x04garbage", FileFormat::Csv)
                .unwrap_err()
                .contains("zip")
        );
        assert!(
            decode(&[0x81, 0x20, 0xFF], FileFormat::Csv)
                .unwrap_err()
                .contains("GBK")
        );
    }

    #[test]
    fn a_file_over_the_row_limit_is_refused() {
        let csv = format!("code\n{}", "C\n".repeat(MAX_IMPORT_ROWS + 1));
        assert!(
            decode(csv.as_bytes(), FileFormat::Csv)
                .unwrap_err()
                .contains("more than")
        );
        let csv = format!("code\n{}", "C\n".repeat(MAX_IMPORT_ROWS));
        assert_eq!(
            decode(csv.as_bytes(), FileFormat::Csv).unwrap().len(),
            MAX_IMPORT_ROWS + 1
        );
    }

    #[test]
    fn excel_cells_read_as_people_see_them() {
        assert_eq!(cell_text(&DataRef::Float(13804511234.0)), "13804511234");
        assert_eq!(cell_text(&DataRef::Float(45.75)), "45.75");
        let dt =
            calamine::ExcelDateTime::new(45731.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&DataRef::DateTime(dt)), "2025-03-15");
    }

    #[test]
    fn an_xlsx_workbook_reads_its_number_and_date_cells_as_text() {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (col, h) in ["出厂编号", "销售日期", "保修截止", "发动机小时", "电话"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, col as u16, *h).unwrap();
        }
        let date = Format::new().set_num_format("yyyy/m/d");
        sheet.write_string(1, 0, "SN-X1").unwrap();
        sheet
            .write_datetime_with_format(1, 1, ExcelDateTime::from_ymd(2025, 3, 15).unwrap(), &date)
            .unwrap();
        // An unformatted serial day number, as a pasted date often ends up:
        // the row's rules read it as a date, the decoder leaves it a number.
        sheet.write_number(1, 2, 46461.0).unwrap();
        sheet.write_number(1, 3, 1200.0).unwrap();
        sheet.write_number(1, 4, 13804511234.0).unwrap();
        // A blank row between is skipped, the numbering keeps the sheet's.
        sheet.write_string(3, 0, "SN-X2").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(FileFormat::sniff(&bytes), FileFormat::Xlsx);
        let rows = decode(&bytes, FileFormat::Xlsx).unwrap();
        assert_eq!(
            texts(&rows),
            vec![
                (
                    1,
                    vec!["出厂编号", "销售日期", "保修截止", "发动机小时", "电话"]
                ),
                (
                    2,
                    vec!["SN-X1", "2025-03-15", "46461", "1200", "13804511234"]
                ),
                (4, vec!["SN-X2"]),
            ]
        );
    }
}
