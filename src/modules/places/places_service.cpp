#include "modules/places/places_service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace places {

namespace {

std::optional<std::int64_t> ParseCount(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Boundaries are stored as GeoJSON geometries; the map drawer reads features.
}  // namespace

core::Result<Page> ParsePage(const std::optional<std::string>& limit, const std::optional<std::string>& offset,
                             std::int64_t default_limit) {
  Page page{default_limit, 0};
  if (limit) {
    const auto value = ParseCount(*limit);
    if (!value || *value < 1 || *value > kMaxPageLimit) {
      return core::Error::InvalidInput(fmt::format("limit must be a whole number from 1 to {}", kMaxPageLimit));
    }
    page.limit = *value;
  }
  if (offset) {
    const auto value = ParseCount(*offset);
    if (!value || *value < 0) return core::Error::InvalidInput("offset must be a whole number, 0 or more");
    page.offset = *value;
  }
  return page;
}

core::Result<Listing<Oblast>> PlacesService::ListOblasts(const Page& page) { return store_.ListOblasts(page); }

std::vector<Country> PlacesService::ListCountries() {
  auto countries = store_.ListCountries();
  std::stable_partition(countries.begin(), countries.end(),
                        [](const Country& country) { return country.code == kBulgaria; });
  return countries;
}

core::Result<Country> PlacesService::FindCountry(const std::string& code) {
  auto country = IsCountryCode(code) ? store_.FindCountry(code) : std::nullopt;
  if (!country) return core::Error::NotFound("There is no country with this code.");
  return std::move(*country);
}

core::Result<std::vector<Oblast>> PlacesService::ListRegions(const std::string& country) {
  auto found = FindCountry(country);
  if (!found) return found.error();
  return store_.ListRegions(country);
}

core::Result<Listing<Municipality>> PlacesService::ListCountryMunicipalities(const std::string& country,
                                                                             const std::string& region,
                                                                             SortMunicipalities sort,
                                                                             const Page& page) {
  if (!region.empty() && (!IsRegionCode(region) || !region.starts_with(country))) {
    return core::Error::InvalidInput("region must be a NUTS 3 code of the country, such as BE234");
  }
  auto found = FindCountry(country);
  if (!found) return found.error();
  if (country == kBulgaria) return store_.ListMunicipalities(region, sort, page);
  return store_.ListCountryMunicipalities(country, region, sort, page);
}

PlacesService::PlacesImport PlacesService::ImportCountryPlaces(const core::Actor& actor, const formats::Table& table,
                                                               const Country& country, bool dry_run) {
  PlacesImport report;
  report.rows = table.rows.empty() ? 0 : table.rows.size() - 1;
  if (!IsCountryCode(country.code) || country.code == kBulgaria) {
    report.problems.push_back({0, "", "",
                               "the country must be given by its two capital letters, and not be BG: "
                               "Bulgaria's places come from the NSI's EKATTE files (khetane seed)"});
    return report;
  }
  for (const auto& [text, what] :
       {std::pair{&country.name_en, "its English name"}, std::pair{&country.name_bg, "its Bulgarian name"},
        std::pair{&country.name_local, "its name in its own language"},
        std::pair{&country.population_source, "who published the population figures"}}) {
    if (core::TrimSpaces(*text).empty() || !core::IsStorableText(*text)) {
      report.problems.push_back({0, "", "", fmt::format("a country needs {}", what)});
    }
  }
  if (!report.problems.empty()) return report;
  CountryPlacesRead read = ReadCountryPlaces(table, country);
  report.problems = std::move(read.problems);
  if (!report.problems.empty() || dry_run) return report;
  report.saved = store_.SaveCountryPlaces(read.places);
  audit_.Write(
      actor, "places_imported",
      fmt::format("{}: {} municipalities added, {} updated", country.code, report.saved.added, report.saved.updated));
  // What was kept of the places changed: profiles are read again.
  std::lock_guard lock(cache_mutex_);
  profiles_.clear();
  oblasts_.clear();
  return report;
}

PlacesService::PlacesImport PlacesService::ImportCountryBoundaries(const core::Actor& actor, std::string_view geojson,
                                                                   const std::string& country, bool dry_run) {
  PlacesImport report;
  if (!FindCountry(country) || country == kBulgaria) {
    report.problems.push_back({0, "", "", "load the country's municipalities before their boundaries"});
    return report;
  }
  BoundariesRead read = ReadCountryBoundaries(geojson, country);
  report.rows = read.boundaries.size() + read.problems.size();
  report.problems = std::move(read.problems);
  if (!report.problems.empty() || dry_run) return report;
  for (const std::string& code : store_.SaveBoundaries(read.boundaries)) {
    report.problems.push_back({0, code, "", "no municipality has this code: its boundary was not stored"});
  }
  report.saved.updated = read.boundaries.size() - report.problems.size();
  audit_.Write(actor, "places_imported", fmt::format("{}: {} boundaries", country, report.saved.updated));
  return report;
}

core::Result<Oblast> PlacesService::FindOblast(const std::string& code) {
  auto oblast = IsOblastCode(code) || IsRegionCode(code) ? store_.FindOblast(code) : std::nullopt;
  if (!oblast) return core::Error::NotFound("There is no oblast with this code.");
  return std::move(*oblast);
}

core::Result<std::shared_ptr<const OblastDetail>> PlacesService::FindOblastDetail(const std::string& code) {
  {
    std::lock_guard lock(cache_mutex_);
    if (const auto found = oblasts_.find(code); found != oblasts_.end()) return found->second;
  }
  auto detail = IsOblastCode(code) ? store_.FindOblastDetail(code) : std::nullopt;
  if (!detail) return core::Error::NotFound("There is no oblast with this code.");
  auto kept = std::make_shared<const OblastDetail>(std::move(*detail));
  std::lock_guard lock(cache_mutex_);
  return oblasts_.emplace(code, std::move(kept)).first->second;
}

core::Result<Listing<Municipality>> PlacesService::ListMunicipalities(const std::string& oblast_code,
                                                                      SortMunicipalities sort, const Page& page) {
  if (!oblast_code.empty() && !IsOblastCode(oblast_code)) {
    return core::Error::InvalidInput("oblast must be an oblast code such as BLG");
  }
  return store_.ListMunicipalities(oblast_code, sort, page);
}

core::Result<std::shared_ptr<const MunicipalityProfile>> PlacesService::FindMunicipality(const std::string& code) {
  {
    std::lock_guard lock(cache_mutex_);
    if (const auto found = profiles_.find(code); found != profiles_.end()) return found->second;
  }
  auto detail = IsMunicipalityCode(code) ? store_.FindMunicipality(code) : std::nullopt;
  if (!detail) return core::Error::NotFound("There is no municipality with this code.");
  auto profile = std::make_shared<MunicipalityProfile>();
  profile->settlements_year = store_.LatestSettlementYear();
  profile->settlements = store_.ListSettlements(code, profile->settlements_year);
  profile->detail = std::move(*detail);
  std::lock_guard lock(cache_mutex_);
  return profiles_.emplace(code, std::move(profile)).first->second;
}

core::Result<Listing<Municipality>> PlacesService::SearchMunicipalities(const std::string& query, const Page& page) {
  const std::string key = core::SearchKey(query);
  if (key.empty()) return Listing<Municipality>{};
  return store_.SearchMunicipalities(key, page);
}

std::vector<SettlementHit> PlacesService::SearchSettlements(const std::string& query, std::int64_t limit) {
  const std::string key = core::SearchKey(query);
  if (key.empty()) return {};
  return store_.SearchSettlements(key, limit);
}

}  // namespace places
