#pragma once
// Tables read from and written to CSV and XLSX files from outside, with bounds on everything a hostile file could
// inflate (size, unpacked size, parts, rows, columns, cells). Domain-free: the first row is the header, every value
// is a string, and a domain module decides what the columns mean.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/csv.hpp"
#include "formats/format_error.hpp"

namespace formats {

enum class FileKind { kCsv, kXlsx };

// The rows of the file with at least one value, the header first. Every row has at least as many fields as the
// header (missing ones are empty); empty fields past the header's width are dropped, values past it are kept.
// `line` is where the row is in the file: the CSV line where the row starts, or the sheet's row number.
struct Table {
  std::vector<core::CsvRow> rows;
  FileKind kind = FileKind::kCsv;
};

struct ReadLimits {
  std::size_t max_bytes = 64 * 1024 * 1024;                // the file as uploaded
  std::size_t max_uncompressed_bytes = 256 * 1024 * 1024;  // XLSX: all the parts read, as unpacked
  std::size_t max_zip_entries = 1000;                      // XLSX: parts in the archive
  std::size_t max_columns = 1000;                          // in any one row
  std::size_t max_rows = 1'000'000;
  std::size_t max_cells = 5'000'000;  // over all rows: bounds memory (~32 bytes an empty cell) whatever the shape
};

// Reads a CSV or XLSX file, telling which from the content, never from the name: a ZIP archive ("PK\3\4") is read
// as XLSX (its first sheet), UTF-8 text as CSV (RFC 4180, ',' or ';', with or without a BOM). Anything else (a PDF,
// an old .xls, UTF-16 or windows-1251 text, binary) is refused with a message that says what is accepted.
// XLSX values are the text as stored: numbers as written in the file ("1500.5", never reformatted), booleans as
// TRUE or FALSE, and numbers under a date or time format as it shows them: YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or
// HH:MM:SS. A formula gives the value Excel or LibreOffice last computed and saved.
Result<Table> ReadTable(std::string_view bytes, const ReadLimits& limits = {});

// The bytes of a file named on the command line, refused (std::runtime_error naming the file) when it cannot be read
// or is larger than `max_bytes`.
std::string ReadWholeFile(const std::string& path, std::size_t max_bytes);

// RFC 4180 with CRLF line ends; a value is quoted only when it holds a quote, a line break, ',' or ';'.
// Starts with a UTF-8 byte order mark, which Excel needs to open UTF-8 (not windows-1251) and ReadTable skips.
// Excel with Bulgarian regional settings expects ';' as the separator.
// Spreadsheets run a value that starts with = + - @ as a formula: such a value (but a plain number like "-2.5") is
// written with a ' in front, shown as text, and ReadTable takes it off again (in CSV only: XLSX cells are text).
// `separator` is ',' or ';', the two ReadTable detects. ReadTable gives back `rows` when they have the shape it
// returns (no row without a value, none narrower than the header, the header's last value not empty) and every
// value is UTF-8 without NUL characters.
std::string WriteCsv(const std::vector<std::vector<std::string>>& rows, char separator = ',');

// How a column's values below the header are written, when their text is what the kind expects; any other value (and
// an empty one) is written as it is written by default, as text.
enum class XlsxCell {
  kText,
  kInteger,  // "1500" → the number 1500, shown "1500"
  kAmount,   // "12000.5" → the number, shown with two decimals and thousands separators in the reader's locale
  kDecimal,  // "12.5" → the number, shown with two decimals
  kDate,     // "2026-03-31" → a date cell, shown 31.03.2026 (ReadTable gives "2026-03-31" back)
};

// A dropdown list on a column below the header, from the cells of a range ("'lists'!$A$2:$A$4", on any sheet).
struct XlsxList {
  std::size_t column = 0;  // counting from 0
  std::string range;
  // Whether the spreadsheet refuses a value not in the list; otherwise it warns and lets it stand (a cell of
  // several areas separated by ';', an English code) and the import judges it.
  bool only_listed = false;
};

struct XlsxOptions {
  std::string sheet_name = "Sheet1";  // at most 31 characters, none of [ ] : * ? / '\'
  // Columns (counting from 0) whose values are written as numbers below the header when their text survives the
  // trip through a number exactly ("1500", "-2.5"; not "0012" or "1e3"); every other value is written as text, so
  // codes with leading zeros and long digit strings come back unchanged.
  std::vector<std::size_t> numeric_columns;
  std::vector<std::pair<std::size_t, XlsxCell>> cells;  // column (from 0) → how its values are written
  std::vector<XlsxList> lists;
  bool hidden = false;  // not shown as a tab (the first sheet never is)
};

// The bytes of an .xlsx file with one sheet: the first row bold and frozen, columns as wide as their longest line
// (within limits). Values must be UTF-8 without NUL characters and at most 32,767 characters long, in at most
// 1,048,576 rows of 16,384 columns. ReadTable gives back `rows` as it does for WriteCsv.
Result<std::string> WriteXlsx(const std::vector<std::vector<std::string>>& rows, const XlsxOptions& options = {});

// One sheet of a workbook: `rows` must outlive the call.
struct XlsxSheet {
  const std::vector<std::vector<std::string>>* rows = nullptr;
  XlsxOptions options;
};
// A workbook of several sheets, in order, each written as WriteXlsx writes its one (their names must differ).
// ReadTable reads the first sheet only.
Result<std::string> WriteXlsxSheets(const std::vector<XlsxSheet>& sheets);

}  // namespace formats
