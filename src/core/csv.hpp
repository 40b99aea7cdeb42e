#pragma once
// RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF, UTF-8 with or without a BOM,
// ',' or ';' as the separator (detected from the header line when not given).

#include <cstddef>
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
};

// Parses the whole text. Fails with the line number of the first malformed row (an unclosed quote, a stray quote,
// too many fields).
Result<std::vector<CsvRow>> ParseCsv(std::string_view text, const CsvOptions& options = {});

// Finds a column by its header name; nullopt when absent.
std::optional<std::size_t> ColumnIndex(const CsvRow& header, std::string_view name);

}  // namespace core
