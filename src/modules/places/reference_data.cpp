#include "modules/places/reference_data.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace places {
namespace {

core::Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::InvalidInput("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A CSV file as rows of named columns; fails naming the file and line.
struct Table {
  std::vector<core::CsvRow> rows;
  std::map<std::string, std::size_t, std::less<>> columns;
  std::filesystem::path path;

  const std::string& At(const core::CsvRow& row, std::string_view column) const {
    return row.fields.at(columns.find(column)->second);
  }
};

core::Result<nlohmann::json> ReadGeoJson(const std::filesystem::path& path) {
  auto text = ReadFile(path);
  if (!text) return text.error();
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.contains("features") || !json["features"].is_array()) {
    return core::Error::InvalidInput(path.filename().string() + ": not a GeoJSON FeatureCollection");
  }
  return json;
}

std::string PropertyOf(const nlohmann::json& feature, const char* name) {
  const auto& properties = feature.value("properties", nlohmann::json::object());
  const auto found = properties.find(name);
  return found != properties.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string KindOf(std::string_view abbreviation) {
  if (abbreviation == "гр.") return "city";
  if (abbreviation == "ман.") return "monastery";
  return "village";
}

// A count in a cell: digits only, so that "12x", "-3" and "" are refused.
core::Result<std::int64_t> CountIn(const Table& table, const core::CsvRow& row, std::string_view column) {
  const std::string& cell = table.At(row, column);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (cell.empty() || error != std::errc{} || end != cell.data() + cell.size() || value < 0) {
    return core::Error::InvalidInput(fmt::format("{}: line {}: column {}: '{}' is not a count",
                                                 table.path.filename().string(), row.line, column, cell));
  }
  return value;
}

// One census row: population and the counts of kCensusColumns, each group adding up to the population.
core::Result<Census2021> CensusIn(const Table& table, const core::CsvRow& row, std::string code) {
  Census2021 census;
  census.code = std::move(code);
  auto population = CountIn(table, row, "population");
  if (!population) return population.error();
  census.population = *population;
  std::array<std::int64_t, 3> sums{};
  for (std::size_t i = 0; i < kCensusColumns.size(); ++i) {
    auto count = CountIn(table, row, kCensusColumns[i].name);
    if (!count) return count.error();
    census.counts[i] = *count;
    sums[static_cast<std::size_t>(kCensusColumns[i].group)] += *count;
  }
  for (const auto& [group, name] : {std::pair{CensusGroup::kSex, "sexes"}, std::pair{CensusGroup::kAge, "age bands"},
                                    std::pair{CensusGroup::kEthnic, "ethnic groups"}}) {
    if (sums[static_cast<std::size_t>(group)] != census.population) {
      return core::Error::InvalidInput(fmt::format("{}: line {}: the {} add up to {}, not to the population {}",
                                                   table.path.filename().string(), row.line, name,
                                                   sums[static_cast<std::size_t>(group)], census.population));
    }
  }
  return census;
}

std::vector<std::string_view> CensusHeader(std::string_view key) {
  std::vector<std::string_view> columns = {key, "population"};
  for (const CensusColumn& column : kCensusColumns) columns.push_back(column.name);
  return columns;
}

core::Result<Table> ReadTable(const std::filesystem::path& path, const std::vector<std::string_view>& required) {
  auto text = ReadFile(path);
  if (!text) return text.error();
  auto rows = core::ParseCsv(*text, {.separator = ',', .max_fields_per_row = 100});
  if (!rows) return core::Error::InvalidInput(path.filename().string() + ": " + rows.error().message);
  if (rows->empty()) return core::Error::InvalidInput(path.filename().string() + ": the file is empty");
  Table table{std::move(*rows), {}, path};
  const core::CsvRow header = table.rows.front();
  table.rows.erase(table.rows.begin());
  for (std::size_t i = 0; i < header.fields.size(); ++i) table.columns.emplace(header.fields[i], i);
  for (const auto column : required) {
    if (!table.columns.contains(column)) {
      return core::Error::InvalidInput(fmt::format("{}: no column '{}'", path.filename().string(), column));
    }
  }
  for (const auto& row : table.rows) {
    if (row.fields.size() != header.fields.size()) {
      return core::Error::InvalidInput(fmt::format("{}: line {}: {} fields where the header has {}",
                                                   path.filename().string(), row.line, row.fields.size(),
                                                   header.fields.size()));
    }
  }
  return table;
}

}  // namespace

core::Result<PopulationFigures> ReadPopulationFigures(const std::filesystem::path& directory) {
  PopulationFigures figures;
  // The columns residents_YYYY_12_31: the population on 31 December of year YYYY.
  auto population = ReadTable(directory / "population_municipalities_nsi_2023_2025.csv", {"obstina", "oblast"});
  if (!population) return population.error();
  std::vector<std::pair<int, std::string>> years;
  for (const auto& [column, index] : population->columns) {
    int year = 0;
    constexpr std::string_view kPrefix = "residents_", kSuffix = "_12_31";
    if (!column.starts_with(kPrefix) || !column.ends_with(kSuffix) ||
        column.size() != kPrefix.size() + 4 + kSuffix.size() ||
        std::from_chars(column.data() + kPrefix.size(), column.data() + kPrefix.size() + 4, year).ec != std::errc{}) {
      continue;
    }
    years.emplace_back(year, column);
  }
  if (years.empty()) {
    return core::Error::InvalidInput(
        "population_municipalities_nsi_2023_2025.csv: no column of residents on 31 December (residents_YYYY_12_31)");
  }
  for (const auto& row : population->rows) {
    const std::string& code = population->At(row, "obstina");
    if (!IsMunicipalityCode(code) || population->At(row, "oblast") != code.substr(0, 3)) {
      return core::Error::InvalidInput(
          fmt::format("population_municipalities_nsi_2023_2025.csv: line {}: '{}' is not a municipality code of oblast "
                      "'{}'",
                      row.line, code, population->At(row, "oblast")));
    }
    for (const auto& [year, column] : years) {
      auto count = CountIn(*population, row, column);
      if (!count) return count.error();
      figures.municipality_population.push_back({code, year, *count});
    }
  }

  auto municipalities = ReadTable(directory / "census2021_municipalities.csv", CensusHeader("obstina"));
  if (!municipalities) return municipalities.error();
  for (const auto& row : municipalities->rows) {
    const std::string& code = municipalities->At(row, "obstina");
    if (!IsMunicipalityCode(code)) {
      return core::Error::InvalidInput(
          fmt::format("census2021_municipalities.csv: line {}: '{}' is not a municipality code", row.line, code));
    }
    auto census = CensusIn(*municipalities, row, code);
    if (!census) return census.error();
    figures.census.push_back({"municipality", std::move(*census)});
  }
  auto oblasts = ReadTable(directory / "census2021_oblasts.csv", CensusHeader("oblast"));
  if (!oblasts) return oblasts.error();
  for (const auto& row : oblasts->rows) {
    const std::string& code = oblasts->At(row, "oblast");
    const bool country = code == "BG";
    if (!country && !IsOblastCode(code)) {
      return core::Error::InvalidInput(
          fmt::format("census2021_oblasts.csv: line {}: '{}' is not an oblast code", row.line, code));
    }
    auto census = CensusIn(*oblasts, row, code);
    if (!census) return census.error();
    figures.census.push_back({country ? "country" : "oblast", std::move(*census)});
  }
  return figures;
}

core::Result<ReferenceData> ReadReferenceData(const std::filesystem::path& directory, ReferenceDataReport& report) {
  auto provinces = ReadGeoJson(directory / "provinces.geojson");
  if (!provinces) return provinces.error();
  auto municipality_shapes = ReadGeoJson(directory / "municipalities.geojson");
  if (!municipality_shapes) return municipality_shapes.error();

  ReferenceData data;
  std::map<std::string, const nlohmann::json*, std::less<>> province_by_code;
  for (const auto& feature : (*provinces)["features"]) {
    province_by_code[PropertyOf(feature, "PROVINCE_CODE")] = &feature;
    data.boundaries.push_back(
        {PropertyOf(feature, "PROVINCE_CODE"), "oblast", feature.value("geometry", nlohmann::json()).dump()});
  }
  std::map<std::string, const nlohmann::json*, std::less<>> municipality_by_code;
  for (const auto& feature : (*municipality_shapes)["features"]) {
    municipality_by_code[PropertyOf(feature, "LAU_CODE")] = &feature;
    data.boundaries.push_back(
        {PropertyOf(feature, "LAU_CODE"), "municipality", feature.value("geometry", nlohmann::json()).dump()});
  }

  auto oblasts = ReadTable(directory / "Ek_obl.csv", {"oblast", "ekatte", "name", "region"});
  if (!oblasts) return oblasts.error();
  for (const auto& row : oblasts->rows) {
    Oblast oblast{oblasts->At(row, "oblast"),
                  oblasts->At(row, "ekatte"),
                  oblasts->At(row, "name"),
                  {},
                  oblasts->At(row, "region"),
                  {},
                  0,
                  {},
                  std::string(kBulgaria)};
    const auto province = province_by_code.find(oblast.code);
    if (province == province_by_code.end()) {
      return core::Error::InvalidInput(
          fmt::format("Ek_obl.csv: line {}: oblast {} has no boundary in provinces.geojson", row.line, oblast.code));
    }
    oblast.name_en = PropertyOf(*province->second, "NAME_EN");
    oblast.nuts3 = PropertyOf(*province->second, "NUTS_3_CODE");
    if (oblast.name_en.empty()) oblast.name_en = core::TransliterateBulgarian(oblast.name_bg);
    data.oblasts.push_back(std::move(oblast));
  }

  auto municipalities = ReadTable(directory / "Ek_obst.csv", {"obstina", "ekatte", "name"});
  if (!municipalities) return municipalities.error();
  for (const auto& row : municipalities->rows) {
    Municipality municipality{municipalities->At(row, "obstina"),
                              {},
                              municipalities->At(row, "ekatte"),
                              municipalities->At(row, "name"),
                              {},
                              {},
                              {},
                              std::string(kBulgaria),
                              municipalities->At(row, "obstina")};
    if (!IsMunicipalityCode(municipality.code)) {
      return core::Error::InvalidInput(
          fmt::format("Ek_obst.csv: line {}: '{}' is not a municipality code", row.line, municipality.code));
    }
    municipality.oblast_code = municipality.code.substr(0, 3);
    const auto shape = municipality_by_code.find(municipality.code);
    if (shape != municipality_by_code.end()) {
      municipality.name_en = PropertyOf(*shape->second, "NAME_EN");
      municipality.nuts3 = PropertyOf(*shape->second, "NUTS_3_CODE");
    }
    if (municipality.name_en.empty()) municipality.name_en = core::TransliterateBulgarian(municipality.name_bg);
    data.municipalities.push_back(std::move(municipality));
  }

  auto settlements = ReadTable(directory / "EKATTE_Settlements.csv", {"ekatte", "t_v_m", "name", "obstina"});
  if (!settlements) return settlements.error();
  std::set<std::string, std::less<>> known_settlements;
  for (const auto& row : settlements->rows) {
    const std::string& name = settlements->At(row, "name");
    data.settlements.push_back({settlements->At(row, "ekatte"), settlements->At(row, "obstina"),
                                KindOf(settlements->At(row, "t_v_m")), name, core::TransliterateBulgarian(name)});
    known_settlements.insert(settlements->At(row, "ekatte"));
  }

  // The census file has a row per settlement and name; a village that became a town has two rows,
  // each with the years of its status. Years are columns; an empty cell means no figure, never zero.
  auto census = ReadTable(directory / "census_data_settlements.csv", {"ekatte"});
  if (!census) return census.error();
  std::map<std::pair<std::string, int>, std::int64_t> population;
  for (const auto& row : census->rows) {
    const std::string& ekatte = census->At(row, "ekatte");
    if (!known_settlements.contains(ekatte)) {
      ++report.skipped_population_rows;
      continue;
    }
    for (const auto& [column, index] : census->columns) {
      int year = 0;
      if (std::from_chars(column.data(), column.data() + column.size(), year).ec != std::errc{} || year < 1800)
        continue;
      const std::string& cell = row.fields[index];
      if (cell.empty()) continue;
      std::int64_t value = 0;
      const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (error != std::errc{} || end != cell.data() + cell.size() || value < 0) {
        return core::Error::InvalidInput(
            fmt::format("census_data_settlements.csv: line {}: column {}: '{}' is not a "
                        "population count",
                        row.line, column, cell));
      }
      population[{ekatte, year}] += value;
    }
  }
  for (const auto& [key, value] : population) data.population.push_back({key.first, key.second, value});
  return data;
}

}  // namespace places
