#pragma once
// What the places pages draw and keep: locator maps (SVG) and whole rendered bodies of reference data, which does
// not change while the server runs (see PlacesService::FindMunicipality). The view side owns these caches; the
// service only reads.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "kernel/place_marks.hpp"
#include "modules/places/places_service.hpp"
#include "web/fragment_cache.hpp"
#include "web/reader.hpp"
#include "web/svg_map.hpp"

namespace places {

class PlaceViews {
 public:
  explicit PlaceViews(PlacesService& places) : places_(places) {}

  // A locator map of the municipality within Bulgaria's oblasts; `title` names it for screen readers. Each map is
  // drawn once per code and title; "" when its boundary is missing.
  std::string LocatorMap(const std::string& municipality_code, const std::string& title);
  // The municipalities of an oblast (`oblast_code`), or of the whole country (""), each a link to its page named with
  // whether it has an adopted municipal plan, and those in `adopted` hatched. The geometry is projected once per
  // map; the drawn map is kept per map and language until the marks differ, so that an unchanged answer costs a
  // comparison. "" when the boundaries are missing.
  std::string PlanMap(const web::Reader& reader, const std::string& oblast_code, const kernel::MarkedPlaces& adopted,
                      const web::MapOptions& options);
  web::FragmentCache& fragments() { return fragments_; }
  // The projected map of an oblast's municipalities, or of the country's ("") with the oblasts' outlines: projected
  // once, for any module that colours or marks it.
  std::shared_ptr<const web::ProjectedMap> ProjectedPlanMap(const std::string& oblast_code);
  // Every municipality with its names, by Bulgarian name: read once.
  std::shared_ptr<const std::vector<Municipality>> MunicipalityNames();

 private:
  struct Shapes {
    std::vector<web::Shape> oblasts;
    std::map<std::string, web::Shape, std::less<>> municipalities;
  };
  std::shared_ptr<const Shapes> LoadShapes();

  PlacesService& places_;
  web::FragmentCache fragments_;
  std::mutex mutex_;
  std::shared_ptr<const Shapes> shapes_;                                                    // loaded on first use
  std::map<std::string, std::shared_ptr<const web::ProjectedMap>, std::less<>> projected_;  // by oblast code
  std::shared_ptr<const std::vector<Municipality>> municipalities_;  // their names, loaded on first use
  struct DrawnMap {
    std::string marks;  // the marks it was drawn with: codes, and which are demo data only
    std::shared_ptr<const std::string> svg;
  };
  std::map<std::string, DrawnMap, std::less<>> drawn_;  // the latest drawing of each map, by oblast code and language
};

}  // namespace places
