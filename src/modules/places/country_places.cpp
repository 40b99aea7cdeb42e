#include "modules/places/country_places.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/text.hpp"

namespace places {
namespace {

constexpr std::size_t kMaxNameCharacters = 200;
// A file of nonsense stops being read here: the first problems say what is wrong.
constexpr std::size_t kMaxProblems = 200;

struct Columns {
  std::map<std::string, std::size_t, std::less<>> index;

  std::string_view At(const core::CsvRow& row, std::string_view column) const {
    const auto found = index.find(column);
    if (found == index.end() || found->second >= row.fields.size()) return {};
    return row.fields[found->second];
  }
};

// A language code in a column name_<language>: two or three small Latin letters.
bool IsLanguageCode(std::string_view text) {
  return (text.size() == 2 || text.size() == 3) &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::optional<std::int64_t> WholeNumber(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// Why a name cannot be stored, or "" when it can.
std::string NameProblem(std::string_view name) {
  if (!core::IsStorableText(name)) return "is not UTF-8 text";
  if (core::TrimSpaces(name).empty()) return "is empty";
  if (core::CountCharacters(name) > kMaxNameCharacters) {
    return fmt::format("is longer than {} characters", kMaxNameCharacters);
  }
  return {};
}

class RowReader {
 public:
  RowReader(const Columns& columns, const core::CsvRow& row, std::vector<PlacesProblem>& problems)
      : columns_(columns), row_(row), problems_(problems) {}

  void Problem(std::string_view column, std::string message) {
    problems_.push_back({row_.line, code_, std::string(column), std::move(message)});
  }
  void SetCode(std::string code) { code_ = std::move(code); }
  std::string_view At(std::string_view column) const { return columns_.At(row_, column); }

  // A name in `column`: required, or optional ("" when the cell is empty).
  std::string Name(std::string_view column, bool required) {
    const std::string_view cell = At(column);
    if (cell.empty() && !required) return {};
    if (const std::string problem = NameProblem(cell); !problem.empty()) {
      Problem(column, fmt::format("the name {}", problem));
      return {};
    }
    return core::TrimSpaces(cell);
  }

 private:
  const Columns& columns_;
  const core::CsvRow& row_;
  std::vector<PlacesProblem>& problems_;
  std::string code_;
};

}  // namespace

CountryPlacesRead ReadCountryPlaces(const formats::Table& table, const Country& country) {
  CountryPlacesRead read;
  read.places.country = country;
  if (table.rows.empty()) {
    read.problems.push_back({0, "", "", "the file is empty: it needs a header and a row per municipality"});
    return read;
  }
  Columns columns;
  const core::CsvRow& header = table.rows.front();
  std::vector<std::string> languages;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = core::TrimSpaces(header.fields[i]);
    if (!columns.index.emplace(name, i).second) {
      read.problems.push_back({header.line, "", name, "the column appears twice in the header"});
    }
    if (name.starts_with("name_") && IsLanguageCode(name.substr(5)) && name != "name_bg" && name != "name_en") {
      languages.push_back(name.substr(5));
    }
  }
  for (const std::string_view required : {"lau_code", "name", "nuts3_code", "nuts3_name"}) {
    if (!columns.index.contains(required)) {
      read.problems.push_back({header.line, "", std::string(required), "the header has no such column"});
    }
  }
  if (!read.problems.empty()) return read;

  std::map<std::string, std::size_t, std::less<>> line_of_code;
  std::map<std::string, std::size_t, std::less<>> region_index;
  for (std::size_t r = 1; r < table.rows.size() && read.problems.size() < kMaxProblems; ++r) {
    RowReader row(columns, table.rows[r], read.problems);
    Municipality municipality;
    municipality.country_code = country.code;
    const std::string lau = core::TrimSpaces(row.At("lau_code"));
    row.SetCode(lau);
    if (!IsLauCode(lau)) {
      row.Problem("lau_code", fmt::format("'{}' is not a LAU code: 1 to 12 capital Latin letters and digits",
                                          core::Shortened(lau, 40)));
    } else if (const auto [at, added] = line_of_code.emplace(lau, table.rows[r].line); !added) {
      row.Problem("lau_code", fmt::format("the code is already on line {}", at->second));
    }
    municipality.lau_code = lau;
    municipality.code = MunicipalityCodeOf(country.code, lau);
    const std::string name = row.Name("name", true);
    municipality.name_bg = row.Name("name_bg", false);
    municipality.name_en = row.Name("name_en", false);
    if (municipality.name_bg.empty()) municipality.name_bg = name;
    if (municipality.name_en.empty()) municipality.name_en = name;

    const std::string region = core::TrimSpaces(row.At("nuts3_code"));
    const std::string region_name = row.Name("nuts3_name", true);
    if (!IsRegionCode(region) || !region.starts_with(country.code)) {
      row.Problem("nuts3_code",
                  fmt::format("'{}' is not a NUTS 3 code of {} ({}, then three capital letters or digits)",
                              core::Shortened(region, 40), country.name_en, country.code));
    } else if (!region_name.empty()) {
      const auto [at, added] = region_index.emplace(region, read.places.regions.size());
      if (added) {
        Oblast oblast;
        oblast.code = region;
        oblast.name_bg = region_name;
        oblast.name_en = region_name;
        oblast.nuts2 = region.substr(0, 4);
        oblast.nuts3 = region;
        oblast.country_code = country.code;
        read.places.regions.push_back(std::move(oblast));
      } else if (read.places.regions[at->second].name_en != region_name) {
        row.Problem("nuts3_name", fmt::format("the region {} is named '{}' on an earlier line", region,
                                              read.places.regions[at->second].name_en));
      }
    }
    municipality.oblast_code = region;
    municipality.nuts3 = region;

    const std::string_view population = row.At("population");
    const std::string_view year = row.At("population_year");
    if (!population.empty()) {
      const auto count = WholeNumber(population);
      const auto year_number = WholeNumber(year);
      if (!count) {
        row.Problem("population", fmt::format("'{}' is not a count of people", core::Shortened(population, 40)));
      } else if (!year_number || *year_number < 1800 || *year_number > 2200) {
        row.Problem("population_year",
                    year.empty() ? std::string("a population needs the year it was counted")
                                 : fmt::format("'{}' is not a year from 1800 to 2200", core::Shortened(year, 40)));
      } else {
        municipality.latest_population = PopulationPoint{static_cast<int>(*year_number), *count};
      }
    }
    for (const std::string& language : languages) {
      const std::string local = row.Name("name_" + language, false);
      if (!local.empty()) read.places.names.push_back({municipality.code, {language, local}});
    }
    read.places.municipalities.push_back(std::move(municipality));
  }
  if (read.problems.size() >= kMaxProblems) {
    read.problems.push_back({0, "", "", fmt::format("stopped after {} problems", kMaxProblems)});
  }
  if (read.problems.empty() && read.places.municipalities.empty()) {
    read.problems.push_back({header.line, "", "", "the file has a header but no municipality"});
  }
  return read;
}

BoundariesRead ReadCountryBoundaries(std::string_view geojson, std::string_view country) {
  BoundariesRead read;
  const auto json = nlohmann::json::parse(geojson, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object() || !json.contains("features") || !json["features"].is_array()) {
    read.problems.push_back({0, "", "", "not a GeoJSON FeatureCollection"});
    return read;
  }
  std::size_t number = 0;
  for (const auto& feature : json["features"]) {
    ++number;
    if (read.problems.size() >= kMaxProblems) break;
    const auto properties = feature.is_object() ? feature.value("properties", nlohmann::json::object()) : nullptr;
    std::string lau;
    if (properties.is_object()) {
      for (const char* key : {"lau_code", "LAU_ID", "LAU_CODE", "GISCO_ID"}) {
        const auto found = properties.find(key);
        if (found == properties.end() || !found->is_string()) continue;
        lau = found->get<std::string>();
        // GISCO writes 'BE_44021'.
        if (std::string_view(key) == "GISCO_ID" && lau.size() > 3 && lau.substr(0, 2) == country && lau[2] == '_') {
          lau = lau.substr(3);
        }
        break;
      }
    }
    if (!IsLauCode(lau)) {
      read.problems.push_back({number, core::Shortened(lau, 40), "properties",
                               "no LAU code in the property lau_code, LAU_ID, LAU_CODE or GISCO_ID"});
      continue;
    }
    const auto& geometry = feature.contains("geometry") ? feature["geometry"] : nlohmann::json();
    // Not `value("type", "")`: it throws when the type is there but not a string (found by fuzz/places_fuzz.cpp).
    const bool typed = geometry.is_object() && geometry.contains("type") && geometry["type"].is_string();
    const std::string type = typed ? geometry["type"].get<std::string>() : "";
    if ((type != "Polygon" && type != "MultiPolygon") || !geometry.contains("coordinates") ||
        !geometry["coordinates"].is_array() || geometry["coordinates"].empty()) {
      read.problems.push_back({number, lau, "geometry", "the geometry is not a Polygon or MultiPolygon"});
      continue;
    }
    read.boundaries.push_back({MunicipalityCodeOf(country, lau), geometry.dump()});
  }
  return read;
}

}  // namespace places
