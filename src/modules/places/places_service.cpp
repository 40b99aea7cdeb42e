#include "modules/places/places_service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

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

core::Result<Oblast> PlacesService::FindOblast(const std::string& code) {
  auto oblast = IsOblastCode(code) ? store_.FindOblast(code) : std::nullopt;
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
