#pragma once
// The first sheet of an XLSX workbook (ECMA-376, SpreadsheetML) as rows of strings.

#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "formats/table.hpp"

namespace formats {

// The sheet's rows that hold a value, each with its sheet row number as `line`; a missing cell is an empty string
// and a row ends at its last value. Refuses more than the limits allow, naming the row (and column) where it can.
Result<std::vector<core::CsvRow>> ReadXlsxRows(std::string_view bytes, const ReadLimits& limits);

}  // namespace formats
