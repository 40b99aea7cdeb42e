#include "modules/indicators/dhis2_exchange.hpp"

#include <array>
#include <iterator>
#include <optional>
#include <utility>

#include "core/text.hpp"
#include "formats/format_error.hpp"

namespace indicators {
namespace {

// Positions in kDataValueColumns.
enum DataValueColumn : std::size_t {
  kDataElement,
  kPeriod,
  kOrgUnit,
  kCategoryOptionCombo,
  kAttributeOptionCombo,
  kValue,
  kStoredBy,
  kLastUpdated,
  kComment,
  kFollowup,
  kDeleted,
};
constexpr std::size_t kColumnCount = std::size(kDataValueColumns);
static_assert(kDeleted + 1 == kColumnCount);

constexpr std::array<DataValueColumn, 4> kRequiredColumns = {kDataElement, kPeriod, kOrgUnit, kValue};

// DHIS2 before 2.26 wrote shorter names, and its Web API guide still shows them ("catoptcombo", "attroptcombo",
// "strby", "lstupd", "cmt"; "flwup" in exports of records): old exports are read as well as new ones.
struct OldName {
  std::string_view name;
  DataValueColumn column;
};
constexpr OldName kOldNames[] = {
    {"catoptcombo", kCategoryOptionCombo},
    {"attroptcombo", kAttributeOptionCombo},
    {"strby", kStoredBy},
    {"lstupd", kLastUpdated},
    {"cmt", kComment},
    {"flwup", kFollowup},
};

// A cell without the spaces a spreadsheet or a word processor leaves at its ends (no-break spaces too).
std::string Trimmed(std::string_view text) { return core::TrimSpaces(text); }

// The layout's column a header names, in any case and with spaces around it ("DataElement", " orgUnit ").
std::optional<DataValueColumn> ColumnNamed(std::string_view header) {
  const std::string name = core::FoldCase(Trimmed(header));
  for (std::size_t column = 0; column < kColumnCount; ++column) {
    if (kDataValueColumns[column] == name) return static_cast<DataValueColumn>(column);
  }
  for (const OldName& old : kOldNames) {
    if (old.name == name) return old.column;
  }
  return std::nullopt;
}

// followup and deleted: DHIS2 writes true and false; a spreadsheet that opened the file writes TRUE and FALSE.
std::optional<bool> TrueOrFalse(std::string_view text) {
  const std::string folded = core::FoldCase(Trimmed(text));
  if (folded.empty() || folded == "false") return false;
  if (folded == "true") return true;
  return std::nullopt;
}

// Where the header puts each of the layout's columns, and the problems of the header itself.
struct Header {
  std::vector<std::string> names;  // as the file writes them, trimmed; "" for a cell without a name
  // For each column of the file, the layout's column it holds; nothing for an unknown or a repeated one, whose
  // values are not read.
  std::vector<std::optional<DataValueColumn>> holds;
  std::array<bool, kColumnCount> present{};
  bool has_required_columns = true;
  std::vector<ExchangeProblem> problems;
};

Header ReadHeader(const core::CsvRow& row) {
  Header header;
  for (const std::string& cell : row.fields) {
    std::string written = Trimmed(cell);
    const std::optional<DataValueColumn> column = written.empty() ? std::nullopt : ColumnNamed(written);
    if (!written.empty() && !column) {
      header.problems.push_back({row.line, written, written, std::string(kUnknownColumn), ""});
    } else if (column && header.present[*column]) {
      header.problems.push_back(
          {row.line, std::string(kDataValueColumns[*column]), written, std::string(kDuplicateColumn), ""});
    }
    const bool first_of_its_name = column && !header.present[*column];
    header.holds.push_back(first_of_its_name ? column : std::nullopt);
    if (column) header.present[*column] = true;
    header.names.push_back(std::move(written));
  }
  for (const DataValueColumn required : kRequiredColumns) {
    if (header.present[required]) continue;
    header.problems.push_back(
        {row.line, std::string(kDataValueColumns[required]), "", std::string(kMissingColumn), ""});
    header.has_required_columns = false;
  }
  return header;
}

// Reads one row into `value`; its problems, if any, go to `problems`, in the order of the file's columns.
void ReadRow(const Header& header, const core::CsvRow& row, DataValue& value, std::vector<ExchangeProblem>& problems) {
  value.line = row.line;
  std::array<const std::string*, kColumnCount> cells{};
  for (std::size_t i = 0; i < row.fields.size() && i < header.holds.size(); ++i) {
    if (header.holds[i]) cells[*header.holds[i]] = &row.fields[i];
  }
  const auto cell = [&](DataValueColumn column) -> std::string_view {
    return cells[column] ? std::string_view(*cells[column]) : std::string_view();
  };

  value.dataelement = Trimmed(cell(kDataElement));
  value.period = Trimmed(cell(kPeriod));
  value.orgunit = Trimmed(cell(kOrgUnit));
  value.categoryoptioncombo = Trimmed(cell(kCategoryOptionCombo));
  value.attributeoptioncombo = Trimmed(cell(kAttributeOptionCombo));
  value.value = Trimmed(cell(kValue));
  value.storedby = Trimmed(cell(kStoredBy));
  value.lastupdated = Trimmed(cell(kLastUpdated));
  value.comment = std::string(cell(kComment));  // free text, kept as written

  // The row as the person who fixes the file finds it: its codes as written, leaving out the missing ones.
  std::string code;
  for (const std::string* part : {&value.dataelement, &value.period, &value.orgunit}) {
    if (part->empty()) continue;
    if (!code.empty()) code += ' ';
    code += *part;
  }

  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    const std::string& written = row.fields[i];
    const bool named = i < header.names.size() && !header.names[i].empty();
    if (!named) {
      // A value under no name would be lost without a word.
      if (!Trimmed(written).empty()) {
        problems.push_back({row.line, formats::ColumnName(i + 1), Trimmed(written), std::string(kUnknownColumn), code});
      }
      continue;
    }
    if (!header.holds[i]) continue;  // an unknown or a repeated column: the header's problem
    const DataValueColumn column = *header.holds[i];
    const auto problem = [&](std::string_view message) {
      problems.push_back({row.line, header.names[i], written, std::string(message), code});
    };
    switch (column) {
      case kDataElement:
      case kPeriod:
      case kOrgUnit:
      case kValue:
        if (Trimmed(written).empty()) problem(kMissingValue);
        break;
      case kFollowup:
      case kDeleted: {
        const std::optional<bool> flag = TrueOrFalse(written);
        if (!flag) {
          problem(kNotTrueOrFalse);
        } else {
          (column == kFollowup ? value.followup : value.deleted) = *flag;
        }
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

DataValues ReadDataValues(const formats::Table& table) {
  DataValues values;
  if (table.rows.empty()) return values;
  Header header = ReadHeader(table.rows.front());
  values.problems = std::move(header.problems);
  values.rows.reserve(table.rows.size() - 1);
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    DataValue value;
    const std::size_t problems_before = values.problems.size();
    ReadRow(header, table.rows[r], value, values.problems);
    // Without a required column no row is whole; the header's problem says so once, not on every line.
    if (header.has_required_columns && values.problems.size() == problems_before) {
      values.rows.push_back(std::move(value));
    }
  }
  return values;
}

std::vector<std::vector<std::string>> DataValuesTable(const std::vector<DataValue>& values) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(values.size() + 1);
  rows.emplace_back(std::begin(kDataValueColumns), std::end(kDataValueColumns));
  for (const DataValue& value : values) {
    rows.push_back({value.dataelement, value.period, value.orgunit, value.categoryoptioncombo,
                    value.attributeoptioncombo, value.value, value.storedby, value.lastupdated, value.comment,
                    value.followup ? "true" : "false", value.deleted ? "true" : "false"});
  }
  return rows;
}

// SDMX-CSV, version 1 (the SDMX Technical Working Group's field guide, sdmx-twg/sdmx-csv): one row an observation;
// the first column DATAFLOW names the dataflow as AGENCY:ID(VERSION), then one column a dimension (TIME_PERIOD the
// last of them), the primary measure OBS_VALUE, and one column an attribute.
std::vector<std::vector<std::string>> SdmxCsvTable(const std::vector<SdmxObservation>& observations) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(observations.size() + 1);
  rows.push_back({"DATAFLOW", "INDICATOR", "REF_AREA", "BREAKDOWN", "SOURCE", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS",
                  "UNIT_MEASURE", "COMMENT"});
  for (const SdmxObservation& observation : observations) {
    rows.push_back({std::string(kSdmxDataflow), observation.indicator, observation.place, observation.breakdown,
                    observation.source_kind, SdmxPeriod(observation.period), observation.value, observation.status,
                    observation.unit, observation.comment});
  }
  return rows;
}

// SDMX writes reporting periods as ISO 8601 and its own extensions of it (SDMX 2.1 Technical Notes, "Time period"):
// a year "2026", a semester "2026-S1", a quarter "2026-Q3", a month "2026-03". DHIS2 writes them without the dash.
std::string SdmxPeriod(std::string_view period) {
  const auto digits = [](std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  if (period.size() < 4 || !digits(period.substr(0, 4))) return std::string(period);
  const std::string_view year = period.substr(0, 4);
  const std::string_view rest = period.substr(4);
  const bool half = rest.size() == 2 && rest[0] == 'S' && (rest[1] == '1' || rest[1] == '2');
  const bool quarter = rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4';
  const bool month = rest.size() == 2 && digits(rest) && rest >= "01" && rest <= "12";
  if (half || quarter || month) return std::string(year) + "-" + std::string(rest);
  return std::string(period);
}

}  // namespace indicators
