#include "formats/format_error.hpp"

#include <fmt/format.h>

namespace formats {

core::Error ToError(const FormatError& error) {
  core::Error result = core::Error::InvalidInput(error.message);
  if (error.line) result.detail = fmt::format("line {}", *error.line);
  if (error.column) result.detail += fmt::format("{}column {}", result.detail.empty() ? "" : ", ", *error.column);
  if (!error.detail.empty()) result.detail += (result.detail.empty() ? "" : ": ") + error.detail;
  return result;
}

std::string ColumnName(std::size_t column) {
  std::string name;
  for (; column > 0; column = (column - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (column - 1) % 26));
  return name;
}

}  // namespace formats
