#include "core/csv.hpp"

#include <fmt/format.h>

namespace core {

char DetectCsvSeparator(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;  // a doubled quote inside quotes closes and opens again: still inside
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;  // the end of the first record
    commas += c == ',';
    semicolons += c == ';';
  }
  return semicolons > commas ? ';' : ',';
}

Result<std::vector<CsvRow>, CsvError> ParseCsvRows(std::string_view text, const CsvOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const char separator = options.separator.value_or(DetectCsvSeparator(text));

  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string field;
  std::size_t line = 1;
  std::size_t i = 0;
  bool at_field_start = true;
  bool row_has_content = false;  // an empty line is skipped; "" or "," is a row
  std::size_t fields_in_rows = 0;

  // Ends the current field; a CsvError when it is one too many.
  const auto end_field = [&]() -> std::optional<CsvError> {
    row.fields.push_back(std::move(field));
    field.clear();
    if (row.fields.size() > options.max_fields_per_row) return CsvError{CsvProblem::kTooManyFieldsInRow, row.line};
    if (++fields_in_rows > options.max_fields) return CsvError{CsvProblem::kTooManyFields, row.line};
    return std::nullopt;
  };
  const auto end_row = [&]() -> std::optional<CsvError> {
    if (const auto error = end_field()) return error;
    if (rows.size() == options.max_rows) return CsvError{CsvProblem::kTooManyRows, row.line};
    rows.push_back(std::move(row));
    return std::nullopt;
  };

  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && at_field_start) {
      // A quoted field: runs to the closing quote; "" inside is one quote.
      const std::size_t opened_at = line;
      ++i;
      while (true) {
        if (i >= text.size()) {
          return CsvError{CsvProblem::kUnclosedQuote, opened_at};
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      at_field_start = false;
      row_has_content = true;
      if (i < text.size() && text[i] != separator && text[i] != '\n' && text[i] != '\r') {
        return CsvError{CsvProblem::kTextAfterClosingQuote, line};
      }
      continue;
    }
    if (c == separator) {
      if (const auto error = end_field()) return *error;
      at_field_start = true;
      row_has_content = true;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (row_has_content) {
        if (const auto error = end_row()) return *error;
      }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
      ++line;
      row = CsvRow{line, {}};
      at_field_start = true;
      row_has_content = false;
      continue;
    }
    if (c == '"') return CsvError{CsvProblem::kQuoteInUnquotedField, line};
    field += c;
    at_field_start = false;
    row_has_content = true;
    ++i;
  }
  if (row_has_content) {
    if (const auto error = end_row()) return *error;
  }
  return rows;
}

Result<std::vector<CsvRow>> ParseCsv(std::string_view text, const CsvOptions& options) {
  auto rows = ParseCsvRows(text, options);
  if (rows) return std::move(rows).value();
  const auto [problem, line] = rows.error();
  switch (problem) {
    case CsvProblem::kUnclosedQuote:
      return Error::InvalidInput(fmt::format("line {}: a quoted field is never closed", line));
    case CsvProblem::kTextAfterClosingQuote:
      return Error::InvalidInput(fmt::format("line {}: unexpected text after a closing quote", line));
    case CsvProblem::kQuoteInUnquotedField:
      return Error::InvalidInput(fmt::format("line {}: a quote inside an unquoted field", line));
    case CsvProblem::kTooManyFieldsInRow:
      return Error::InvalidInput(
          fmt::format("line {}: more than {} fields in a row", line, options.max_fields_per_row));
    case CsvProblem::kTooManyRows:
      return Error::InvalidInput(fmt::format("line {}: more than {} rows", line, options.max_rows));
    case CsvProblem::kTooManyFields:
      return Error::InvalidInput(fmt::format("line {}: more than {} fields in all", line, options.max_fields));
  }
  return Error::Internal("unknown CSV problem");
}

std::optional<std::size_t> ColumnIndex(const CsvRow& header, std::string_view name) {
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    if (header.fields[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace core
