#pragma once
// What visitors do with places: browse, look one up, search. All public. Drawing them is the views' part
// (places_views.hpp).

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "modules/places/places_store.hpp"

namespace places {

class PlacesService {
 public:
  PlacesService(PlacesStore& store, kernel::AuditLog& audit) : store_(store), audit_(audit) {}

  core::Result<Listing<Oblast>> ListOblasts(const Page& page);
  core::Result<Oblast> FindOblast(const std::string& code);
  // The oblast with its population by year and its Census 2021: reference data, read once and kept as profiles are.
  core::Result<std::shared_ptr<const OblastDetail>> FindOblastDetail(const std::string& code);
  // The Census 2021 of the whole country.
  std::optional<Census2021> CountryCensus() { return store_.FindCensus("BG"); }
  core::Result<Listing<Municipality>> ListMunicipalities(const std::string& oblast_code, SortMunicipalities sort,
                                                         const Page& page);
  // Reference data changes only when it is loaded (`khetane seed`), so a profile is read once and kept.
  // FIXME: When administrators can edit places at run time, key this cache on a version row that the edit bumps,
  // so that every server process sees the change.
  core::Result<std::shared_ptr<const MunicipalityProfile>> FindMunicipality(const std::string& code);
  // Finds municipalities by Bulgarian or Latin name, in any case; a query with no letters or digits finds nothing.
  core::Result<Listing<Municipality>> SearchMunicipalities(const std::string& query, const Page& page);
  std::vector<SettlementHit> SearchSettlements(const std::string& query, std::int64_t limit);
  // Countries with places in Khetane, Bulgaria first.
  std::vector<Country> ListCountries();
  core::Result<Country> FindCountry(const std::string& code);
  // The NUTS 3 regions of a country other than Bulgaria.
  core::Result<std::vector<Oblast>> ListRegions(const std::string& country);
  // A country's municipalities, or one region's (`region` a NUTS 3 code), each with its latest figure.
  core::Result<Listing<Municipality>> ListCountryMunicipalities(const std::string& country, const std::string& region,
                                                                SortMunicipalities sort, const Page& page);
  // Reads a country's places from `table` and, when `dry_run` is false and nothing is wrong, stores them: all or
  // nothing. A country new to Khetane needs its names and its population source in `country`.
  struct PlacesImport {
    std::size_t rows = 0;
    std::vector<PlacesProblem> problems;
    CountryPlacesSaved saved;
  };
  PlacesImport ImportCountryPlaces(const core::Actor& actor, const formats::Table& table, const Country& country,
                                   bool dry_run);
  // The boundaries of a country's municipalities from GeoJSON; problems name the feature.
  PlacesImport ImportCountryBoundaries(const core::Actor& actor, std::string_view geojson, const std::string& country,
                                       bool dry_run);

  // Every oblast of Bulgaria, and every municipality of Bulgaria by Bulgarian name: for the forms and pages of the
  // plans, indicators and dashboards, which follow Bulgaria's.
  std::vector<Oblast> AllOblasts() { return store_.ListOblasts({kMaxPageLimit, 0}).items; }
  std::vector<Municipality> AllMunicipalities() {
    return store_.ListMunicipalities("", SortMunicipalities::kByName, {kMaxPageLimit, 0}).items;
  }
  // The settlements of a municipality with their latest population, by name.
  std::vector<Settlement> ListSettlements(const std::string& municipality_code) {
    return store_.ListSettlements(municipality_code, store_.LatestSettlementYear());
  }

  // Reference data (EKATTE places and population), loaded into an empty database by `khetane seed`.
  bool HasReferenceData() { return store_.HasReferenceData(); }
  void InsertReferenceData(const ReferenceData& data) { store_.InsertReferenceData(data); }
  // The NSI's population of municipalities from 2023 and the Census 2021, loaded by `khetane seed` when missing.
  bool HasPopulationFigures() { return store_.HasPopulationFigures(); }
  void InsertPopulationFigures(const PopulationFigures& figures) { store_.InsertPopulationFigures(figures); }

  // The boundaries of every oblast or municipality ("oblast", "municipality") as GeoJSON geometries, by code.
  std::vector<Boundary> Boundaries(const std::string& kind) { return store_.Boundaries(kind); }

 private:
  PlacesStore& store_;
  kernel::AuditLog& audit_;
  std::mutex cache_mutex_;
  std::map<std::string, std::shared_ptr<const MunicipalityProfile>, std::less<>> profiles_;
  std::map<std::string, std::shared_ptr<const OblastDetail>, std::less<>> oblasts_;
};

// Checks paging parameters from a request: limit 1…kMaxPageLimit, offset ≥ 0.
core::Result<Page> ParsePage(const std::optional<std::string>& limit, const std::optional<std::string>& offset,
                             std::int64_t default_limit);

}  // namespace places
