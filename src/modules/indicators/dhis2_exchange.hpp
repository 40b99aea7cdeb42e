#pragma once
// Values in the layouts statistical offices exchange: DHIS2's dataValues CSV (read and written) and SDMX-CSV
// (written). Only the layout lives here: which columns a file has and what each row says as text; what the codes
// name (an indicator, a place, a breakdown) and whether a value may be stored is the service's decision.
//
// dataValues columns, in DHIS2's order: dataelement, period, orgunit, categoryoptioncombo, attributeoptioncombo,
// value, storedby, lastupdated, comment, followup, deleted. Khetane reads dataelement as the indicator's code, orgunit
// as the place's code ("BG", "MON", "MON24"), categoryoptioncombo as the breakdown ("total" when empty) and
// attributeoptioncombo as the source kind ("official" when empty).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "formats/table.hpp"

namespace indicators {

inline constexpr std::string_view kDataValueColumns[] = {"dataelement",
                                                         "period",
                                                         "orgunit",
                                                         "categoryoptioncombo",
                                                         "attributeoptioncombo",
                                                         "value",
                                                         "storedby",
                                                         "lastupdated",
                                                         "comment",
                                                         "followup",
                                                         "deleted"};

struct DataValue {
  std::size_t line = 0;  // in the file, as formats::Table gives it
  std::string dataelement;
  std::string period;
  std::string orgunit;
  std::string categoryoptioncombo;
  std::string attributeoptioncombo;
  std::string value;
  std::string storedby;
  std::string lastupdated;
  std::string comment;
  bool followup = false;
  bool deleted = false;
  bool operator==(const DataValue&) const = default;
};

// A problem of one row of an exchange file, as the import shows it: where (line, column by its header name), what
// the file says there, why (a msgid), and the row's own identity as the file gives it ("dataelement period orgunit").
struct ExchangeProblem {
  std::size_t line = 0;
  std::string column;
  std::string value;
  std::string message;
  std::string code;
  std::vector<core::MessageArgument> arguments = {};  // what "{name}" in the message stands for
  bool operator==(const ExchangeProblem&) const = default;
};

struct DataValues {
  std::vector<DataValue> rows;            // the rows without a problem of layout, in file order
  std::vector<ExchangeProblem> problems;  // in line order
};

// Reads a dataValues table: the header names the columns in any order and any case (surrounding spaces ignored);
// dataelement, period, orgunit and value must be there, the others may be missing; a column it does not know is a
// problem on line 1. A row missing a required value, or with followup or deleted neither true nor false (nor empty),
// is a problem of its line and column.
DataValues ReadDataValues(const formats::Table& table);

// The msgids of ReadDataValues' problems.
inline constexpr std::string_view kMissingColumn = "The file has no column with this name, which is required.";
inline constexpr std::string_view kUnknownColumn = "The file has a column with a name the layout does not have.";
inline constexpr std::string_view kDuplicateColumn = "The file has two columns with this name.";
inline constexpr std::string_view kMissingValue = "This column needs a value on every row.";
inline constexpr std::string_view kNotTrueOrFalse = "Write true or false, or leave the cell empty.";

// The header and the rows of a dataValues file, in DHIS2's column order, for formats::WriteCsv.
std::vector<std::vector<std::string>> DataValuesTable(const std::vector<DataValue>& values);

// One observation as SDMX-CSV writes it (version 1: the dataflow, the dimensions, the value, the attributes).
struct SdmxObservation {
  std::string indicator;    // INDICATOR
  std::string place;        // REF_AREA
  std::string breakdown;    // BREAKDOWN
  std::string source_kind;  // SOURCE
  std::string period;       // TIME_PERIOD, written as SDMX writes it: "2026", "2026-S1", "2026-Q3", "2026-03"
  std::string value;        // OBS_VALUE: "" for a suppressed value
  std::string status;       // OBS_STATUS: "A" normal, "E" estimate, "P" provisional (submitted), "C" confidential
  std::string unit;         // UNIT_MEASURE
  std::string comment;      // COMMENT
};
inline constexpr std::string_view kSdmxDataflow = "KHETANE:INDICATORS(1.0)";
std::vector<std::vector<std::string>> SdmxCsvTable(const std::vector<SdmxObservation>& observations);
// "2026Q3" → "2026-Q3", "2026S1" → "2026-S1", "202603" → "2026-03", "2026" → "2026"; anything else unchanged.
std::string SdmxPeriod(std::string_view period);

}  // namespace indicators
