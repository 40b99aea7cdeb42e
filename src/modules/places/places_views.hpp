#pragma once
// What the places pages draw and keep: locator maps (SVG) and whole rendered bodies of reference data, which does
// not change while the server runs (see PlacesService::FindMunicipality). The view side owns these caches; the
// service only reads.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "modules/places/places_service.hpp"
#include "web/fragment_cache.hpp"
#include "web/svg_map.hpp"

namespace places {

class PlaceViews {
 public:
  explicit PlaceViews(PlacesService& places) : places_(places) {}

  // A locator map of the municipality within Bulgaria's oblasts; `title` names it for screen readers. Each map is
  // drawn once per code and title; "" when its boundary is missing.
  std::string LocatorMap(const std::string& municipality_code, const std::string& title);
  web::FragmentCache& fragments() { return fragments_; }

 private:
  struct Shapes {
    std::vector<web::Shape> oblasts;
    std::map<std::string, web::Shape, std::less<>> municipalities;
  };
  std::shared_ptr<const Shapes> LoadShapes();

  PlacesService& places_;
  web::FragmentCache fragments_;
  std::mutex mutex_;
  std::shared_ptr<const Shapes> shapes_;  // loaded on first use
};

}  // namespace places
