#pragma once
// RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF, UTF-8 with or without a BOM,
// ',' or ';' as the separator (detected from the header line when not given).

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace core {

struct CsvRow {
  std::size_t line = 0;  // where the row starts in the file, counting from 1
  std::vector<std::string> fields;
};

struct CsvOptions {
  std::optional<char> separator;  // nullopt: detect from the first line
  std::size_t max_fields_per_row = 1000;
  // Bounds on what the parse may hold in memory, for text from outside (a file of commas is millions of fields).
  std::size_t max_rows = std::numeric_limits<std::size_t>::max();
  std::size_t max_fields = std::numeric_limits<std::size_t>::max();  // over all rows
};

enum class CsvProblem {
  kUnclosedQuote,
  kTextAfterClosingQuote,
  kQuoteInUnquotedField,
  kTooManyFieldsInRow,
  kTooManyRows,
  kTooManyFields,
};

// What went wrong, and on which line (counting from 1), as data for callers that word the message themselves.
struct CsvError {
  CsvProblem problem;
  std::size_t line = 0;
};

// The separator of a CSV text, from its first record (the header): ';' when it has more semicolons than commas
// outside quotes, ',' otherwise. A quoted value may hold either separator, and a line break, without misleading it.
char DetectCsvSeparator(std::string_view text);

// Parses the whole text. Fails with the line number of the first malformed row (an unclosed quote, a stray quote,
// too many fields), as "line N: what" in the message.
Result<std::vector<CsvRow>> ParseCsv(std::string_view text, const CsvOptions& options = {});

// The same parse, failing with a CsvError.
Result<std::vector<CsvRow>, CsvError> ParseCsvRows(std::string_view text, const CsvOptions& options = {});

// Finds a column by its header name; nullopt when absent.
std::optional<std::size_t> ColumnIndex(const CsvRow& header, std::string_view name);

}  // namespace core
