#pragma once
// All SQL of the places module.

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/places/country_places.hpp"
#include "modules/places/places.hpp"

namespace places {

template <typename T>
struct Listing {
  std::vector<T> items;
  std::int64_t total = 0;
};

struct SettlementHit {
  std::string ekatte;
  std::string kind;
  std::string name_bg;
  std::string name_en;
  std::string municipality_code;
  std::string municipality_name_bg;
  std::string municipality_name_en;
};

struct Settlement {
  std::string ekatte;
  std::string kind;  // city, village, monastery
  std::string name_bg;
  std::string name_en;
  std::optional<std::int64_t> population;  // in the latest year with data
};

// Everything the municipality page and its API entry show.
struct MunicipalityProfile {
  MunicipalityDetail detail;
  std::vector<Settlement> settlements;
  std::optional<int> settlements_year;  // the year of the settlements' population
};

struct Boundary {
  std::string code;
  std::string geometry;  // GeoJSON geometry
};

// What the seed writes: one row per unit, as read from the reference files.
struct ReferenceData {
  std::vector<Oblast> oblasts;
  std::vector<Municipality> municipalities;
  struct SettlementRow {
    std::string ekatte, municipality_code, kind, name_bg, name_en;
  };
  std::vector<SettlementRow> settlements;
  struct PopulationRow {
    std::string ekatte;
    int year;
    std::int64_t population;
  };
  std::vector<PopulationRow> population;
  struct BoundaryRow {
    std::string code, level, geometry;
  };
  std::vector<BoundaryRow> boundaries;
};

// What the seed writes of the NSI's later figures: municipalities' population by year (from 2023) and Census 2021.
struct PopulationFigures {
  struct MunicipalityRow {
    std::string municipality_code;
    int year;
    std::int64_t population;
  };
  std::vector<MunicipalityRow> municipality_population;
  struct CensusRow {
    std::string level;  // "country", "oblast" or "municipality"
    Census2021 census;
  };
  std::vector<CensusRow> census;
};

// What loading a country's file did.
struct CountryPlacesSaved {
  std::size_t added = 0;    // municipalities new to the database
  std::size_t updated = 0;  // already there: their names, region and figure are the file's now
  std::size_t population_figures = 0;
  std::size_t not_in_file = 0;  // of the country's municipalities, those the file does not name (kept)
};

class PlacesStore {
 public:
  explicit PlacesStore(db::Database& database) : database_(database) {}

  Listing<Oblast> ListOblasts(const Page& page);
  std::optional<Oblast> FindOblast(const std::string& code);
  // The oblast with its population by year (the sums of its municipalities') and its Census 2021.
  std::optional<OblastDetail> FindOblastDetail(const std::string& code);
  std::optional<Census2021> FindCensus(const std::string& code);
  // All municipalities, or those of one oblast when `oblast_code` is not empty.
  Listing<Municipality> ListMunicipalities(const std::string& oblast_code, SortMunicipalities sort, const Page& page);
  std::optional<MunicipalityDetail> FindMunicipality(const std::string& code);
  // With each settlement's population in `year` (the latest year with figures for settlements).
  std::vector<Settlement> ListSettlements(const std::string& municipality_code, std::optional<int> year);
  // The latest year of the population by settlement (the NSI's later figures are by municipality only).
  std::optional<int> LatestSettlementYear();
  // `key` is a core::SearchKey; exact matches first, then names that start with it, then the rest.
  Listing<Municipality> SearchMunicipalities(const std::string& key, const Page& page);
  std::vector<SettlementHit> SearchSettlements(const std::string& key, std::int64_t limit);
  std::vector<Boundary> Boundaries(const std::string& level);
  std::optional<Boundary> FindBoundary(const std::string& code);

  // Countries with their numbers of regions and municipalities, by code.
  std::vector<Country> ListCountries();
  std::optional<Country> FindCountry(const std::string& code);
  // The NUTS 3 regions of a country other than Bulgaria, each with its municipalities' population in the country's
  // latest year.
  std::vector<Oblast> ListRegions(const std::string& country);
  // The municipalities of a country other than Bulgaria, or of one of its regions, each with its latest figure.
  Listing<Municipality> ListCountryMunicipalities(const std::string& country, const std::string& region,
                                                  SortMunicipalities sort, const Page& page);
  // Adds or updates the country, its regions, municipalities, figures and names, all or nothing.
  CountryPlacesSaved SaveCountryPlaces(const CountryPlaces& places);
  // Stores the boundaries of known municipalities; returns the codes it does not know.
  std::vector<std::string> SaveBoundaries(const std::vector<BoundaryOf>& boundaries);

  bool HasReferenceData();
  void InsertReferenceData(const ReferenceData& data);
  // Whether the NSI's later population figures and the census are loaded (a database seeded before they shipped has
  // its places but not these).
  bool HasPopulationFigures();
  void InsertPopulationFigures(const PopulationFigures& figures);

 private:
  std::optional<int> LatestPopulationYear(db::Connection& connection);
  std::optional<Census2021> FindCensus(db::Connection& connection, const std::string& code);
  std::optional<Country> FindCountry(db::Connection& connection, const std::string& code);
  db::Database& database_;
};

}  // namespace places
