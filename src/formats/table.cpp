#include "formats/table.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/text.hpp"
#include "formats/xlsx_reader.hpp"

namespace formats {
namespace {

FormatError Failure(std::string_view message, std::optional<std::size_t> line = {},
                    std::optional<std::size_t> column = {}) {
  return {.message = std::string(message), .line = line, .column = column, .detail = {}};
}

// File signatures: ZIP (APPNOTE 4.3.7, a local file header), OLE2 compound files (old .xls, and any workbook
// encrypted with a password), PDF, UTF-16 byte order marks.
constexpr std::string_view kZipSignature = "PK\x03\x04";
constexpr std::string_view kOle2Signature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view kPdfSignature = "%PDF-";

// Text has no NUL; nearly every binary file has many (and what WriteCsv or a sheet's cell may hold, it must read).
bool LooksBinary(std::string_view bytes) { return bytes.find('\0') != std::string_view::npos; }

// The line (counting from 1) of the first byte that is not UTF-8. A line feed is never part of a multi-byte
// sequence, so checking line by line finds it.
std::size_t LineOfInvalidUtf8(std::string_view text) {
  std::size_t line = 1;
  for (std::size_t start = 0; start < text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (!core::IsValidUtf8(text.substr(start, end - start))) return line;
    start = end + 1;
  }
  return line;
}

Result<std::vector<core::CsvRow>> ReadCsvRows(std::string_view text, const ReadLimits& limits) {
  core::CsvOptions options;
  options.max_fields_per_row = limits.max_columns;
  options.max_rows = limits.max_rows;
  options.max_fields = limits.max_cells;
  auto rows = core::ParseCsvRows(text, options);
  if (rows) return std::move(rows).value();
  const core::CsvError& error = rows.error();
  switch (error.problem) {
    case core::CsvProblem::kUnclosedQuote:
      return Failure(message::kUnclosedQuote, error.line);
    case core::CsvProblem::kTextAfterClosingQuote:
      return Failure(message::kTextAfterClosingQuote, error.line);
    case core::CsvProblem::kQuoteInUnquotedField:
      return Failure(message::kQuoteInUnquotedField, error.line);
    case core::CsvProblem::kTooManyFieldsInRow:
      return Failure(message::kTooManyColumns, error.line, limits.max_columns + 1);
    case core::CsvProblem::kTooManyRows:
      return Failure(message::kTooManyRows, error.line);
    case core::CsvProblem::kTooManyFields:
      return Failure(message::kTooManyCells, error.line);
  }
  return Failure(message::kDamagedWorkbook);
}

// One shape for both formats: no empty trailing fields, no rows without a value, every row as wide as the header.
Result<Table> MakeTable(std::vector<core::CsvRow> rows, FileKind kind) {
  Table table{.rows = {}, .kind = kind};
  table.rows.reserve(rows.size());
  for (core::CsvRow& row : rows) {
    while (!row.fields.empty() && row.fields.back().empty()) row.fields.pop_back();
    if (!row.fields.empty()) table.rows.push_back(std::move(row));
  }
  if (table.rows.empty()) return Failure(message::kNoRows);
  const std::size_t width = table.rows.front().fields.size();
  for (core::CsvRow& row : table.rows) {
    if (row.fields.size() < width) row.fields.resize(width);
  }
  return table;
}

// Either separator is quoted, whichever is in use, so that ReadTable's detection from the header line cannot be
// misled by a value.
bool NeedsQuotes(std::string_view value, char separator) {
  return value.find_first_of(std::string{'"', '\r', '\n', ',', ';', separator}) != std::string_view::npos;
}

// Spreadsheets run a CSV value that starts with = + - @ (or a tab or carriage return) as a formula, so a title typed
// as "=HYPERLINK(…)" would run on the computer of whoever opens the export. Such a value is written with a ' in
// front, which spreadsheets show as text, and read back without it. The test looks past leading apostrophes, so a
// value that already starts with some before such a character gets one more and comes back as it was. Plain numbers
// ("-2.5") are no formulas and stay as they are.
bool Guarded(std::string_view value) {
  const std::string_view rest = value.substr(std::min(value.find_first_not_of('\''), value.size()));
  if (rest.empty() || std::string_view("=+-@\t\r").find(rest.front()) == std::string_view::npos) return false;
  const std::string_view digits = rest.substr(1);
  const bool plain_number = (rest.front() == '-' || rest.front() == '+') && !digits.empty() &&
                            std::isdigit(static_cast<unsigned char>(digits.front())) &&
                            std::all_of(digits.begin(), digits.end(), [](char c) {
                              return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ',';
                            });
  return !plain_number;
}

void UnguardFormulas(std::vector<core::CsvRow>& rows) {
  for (core::CsvRow& row : rows) {
    for (std::string& field : row.fields) {
      if (field.starts_with('\'') && Guarded(field)) field.erase(0, 1);
    }
  }
}

}  // namespace

Result<Table> ReadTable(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.empty()) return Failure(message::kEmpty);
  if (bytes.size() > limits.max_bytes) return Failure(message::kTooLarge);
  if (bytes.starts_with(kZipSignature)) {
    auto rows = ReadXlsxRows(bytes, limits);
    if (!rows) return rows.error();
    return MakeTable(std::move(rows).value(), FileKind::kXlsx);
  }
  if (bytes.starts_with(kOle2Signature)) return Failure(message::kLegacyExcel);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return Failure(message::kNotUtf8, 1);
  if (bytes.starts_with(kPdfSignature) || LooksBinary(bytes)) return Failure(message::kNotATable);
  if (!core::IsValidUtf8(bytes)) return Failure(message::kNotUtf8, LineOfInvalidUtf8(bytes));
  auto rows = ReadCsvRows(bytes, limits);
  if (!rows) return rows.error();
  UnguardFormulas(*rows);
  return MakeTable(std::move(rows).value(), FileKind::kCsv);
}

std::string WriteCsv(const std::vector<std::vector<std::string>>& rows, char separator) {
  assert(separator == ',' || separator == ';');
  std::string out = "\xEF\xBB\xBF";
  for (const std::vector<std::string>& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += separator;
      const std::string& value = Guarded(row[i]) ? "'" + row[i] : row[i];
      if (!NeedsQuotes(value, separator)) {
        out += value;
        continue;
      }
      out += '"';
      for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

std::string ReadWholeFile(const std::string& path, std::size_t max_bytes) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw std::runtime_error("cannot read " + path + ": " + error.message());
  if (size > max_bytes) {
    throw std::runtime_error(path + ": the file is larger than allowed (" + std::to_string(max_bytes) + " bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) throw std::runtime_error("cannot read " + path);
  return bytes;
}

}  // namespace formats
