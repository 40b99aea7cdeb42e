#pragma once
// What visitors do with places: browse, look one up, search. All public; maps are drawn once and kept.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/places/places_store.hpp"

namespace places {

class PlacesService {
 public:
  explicit PlacesService(PlacesStore& store) : store_(store) {}

  core::Result<Listing<Oblast>> ListOblasts(const Page& page);
  core::Result<Oblast> FindOblast(const std::string& code);
  core::Result<Listing<Municipality>> ListMunicipalities(const std::string& oblast_code, SortMunicipalities sort,
                                                         const Page& page);
  core::Result<MunicipalityDetail> FindMunicipality(const std::string& code);
  std::vector<Settlement> ListSettlements(const std::string& municipality_code) {
    return store_.ListSettlements(municipality_code);
  }
  // Finds municipalities by Bulgarian or Latin name, in any case; a query with no letters or digits finds nothing.
  core::Result<Listing<Municipality>> SearchMunicipalities(const std::string& query, const Page& page);
  std::vector<SettlementHit> SearchSettlements(const std::string& query, std::int64_t limit);

  // A locator map (SVG) of the municipality within Bulgaria's oblasti; `title` names it for screen readers.
  // Boundaries do not change while the server runs, so each map is drawn once per code and title.
  std::string LocatorMap(const std::string& municipality_code, const std::string& title);

 private:
  PlacesStore& store_;
  std::mutex maps_mutex_;
  std::map<std::string, std::shared_ptr<const std::string>> maps_;  // by code + title
  struct Shapes;
  std::shared_ptr<const Shapes> shapes_;  // loaded on first use
};

// Checks paging parameters from a request: limit 1…kMaxPageLimit, offset ≥ 0.
core::Result<Page> ParsePage(const std::optional<std::string>& limit, const std::optional<std::string>& offset,
                             std::int64_t default_limit);

}  // namespace places
