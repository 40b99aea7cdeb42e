#pragma once
// The municipalities of a country other than Bulgaria, from a table in the documented layout (docs/PLACES.md), and
// their boundaries from GeoJSON: what `khetane import places` and the seed (data/be, data/cz) load.

#include <string>
#include <vector>

#include "formats/table.hpp"
#include "modules/places/places.hpp"

namespace places {

// One thing wrong in a file: where (its line, and the row's LAU code when it has one), which column, and what.
struct PlacesProblem {
  std::size_t line = 0;
  std::string code;
  std::string column;
  std::string message;
};

// What one file gives of a country: its NUTS 3 regions and municipalities, each municipality's population in the
// year the file names (as latest_population) and its names in the country's languages.
struct CountryPlaces {
  Country country;
  std::vector<Oblast> regions;
  std::vector<Municipality> municipalities;
  struct Name {
    std::string municipality_code;
    PlaceName name;
  };
  std::vector<Name> names;
};

struct CountryPlacesRead {
  CountryPlaces places;
  std::vector<PlacesProblem> problems;  // every problem of every row, in file order; nothing is stored when any
};

// The columns: lau_code, name (official), nuts3_code, nuts3_name (required); name_bg, name_en, name_<language>,
// population and population_year (optional; a population needs its year). Other columns are left alone, so the
// files of data/be and data/cz are read as they were published. `country` must be another country than Bulgaria.
CountryPlacesRead ReadCountryPlaces(const formats::Table& table, const Country& country);

struct BoundaryOf {
  std::string municipality_code;
  std::string geometry;  // a GeoJSON Polygon or MultiPolygon
};
struct BoundariesRead {
  std::vector<BoundaryOf> boundaries;
  std::vector<PlacesProblem> problems;  // `line` is the feature's number, from 1
};

// A GeoJSON FeatureCollection whose features name a municipality of `country` by the property lau_code, LAU_ID or
// LAU_CODE (or GISCO_ID, 'BE_44021'), with a Polygon or MultiPolygon in longitude and latitude.
BoundariesRead ReadCountryBoundaries(std::string_view geojson, std::string_view country);

}  // namespace places
