#pragma once
// Server-rendered SVG locator maps: the outlines of a country's regions drawn lightly, one or more places filled,
// in one projection. Geometry comes from GeoJSON (RFC 7946, CRS84 longitude/latitude).

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace web {

struct LonLat {
  double lon;
  double lat;
};

using Ring = std::vector<LonLat>;

// One feature's outline: every ring of every polygon, outer rings and holes alike. Drawn with the even-odd rule,
// holes stay holes and the parts of a MultiPolygon stay separate.
struct Shape {
  std::string code;  // the feature's identifying property, e.g. "BLG03" (LAU_CODE) or "BLG" (PROVINCE_CODE)
  std::vector<Ring> rings;
};

// The Polygon and MultiPolygon features of a FeatureCollection, in order. Throws std::invalid_argument naming the
// feature index on anything else: no "features" array, a feature without the `code_property` string, a geometry
// that is not a Polygon or MultiPolygon, a ring of fewer than 4 positions, or a coordinate that is not a finite
// number within longitude/latitude range (projected coordinates are refused rather than drawn wrongly).
std::vector<Shape> ShapesFromGeoJson(const nlohmann::json& feature_collection, std::string_view code_property);

// The shape with this code, or nullptr.
const Shape* FindShape(const std::vector<Shape>& shapes, std::string_view code);

struct MapOptions {
  std::string title;              // <title>, the accessible name
  std::string description;        // <desc>, the accessible description; may be empty
  int width = 320;                // viewBox width; the height follows from the shapes. The SVG scales to its container.
  std::string id_prefix = "map";  // ids inside the SVG start with it; give each map on a page its own
};

// Draws `context` lightly (class "map-context", e.g. the 28 oblasti of Bulgaria) and each of `highlighted` filled
// (class "map-highlight"), in an equirectangular projection fitted to the context's bounding box. Each highlighted
// shape is also ringed by a circle (class "map-marker") around its bounding box, so that a municipality a few
// pixels wide can still be found. Null pointers in `highlighted` are skipped.
std::string RenderLocatorMap(const std::vector<Shape>& context, const std::vector<const Shape*>& highlighted,
                             const MapOptions& options);

}  // namespace web
