#pragma once
// Server-rendered SVG locator maps: the outlines of a country's regions drawn lightly, one or more places filled,
// in one projection. Geometry comes from GeoJSON (RFC 7946, CRS84 longitude/latitude).

#include <array>
#include <functional>
#include <map>
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

// A map of areas projected once and drawn many times: projecting and thinning the shapes is the costly part, so a page
// keeps this and RenderAreaMap only joins strings, marking and linking the areas anew for each request.
struct ProjectedMap {
  int width = 0;
  int height = 0;
  struct Area {
    std::string code;
    std::string path;  // SVG path data in the map's viewBox
  };
  std::vector<Area> areas;            // the linkable areas, in the order given
  std::vector<std::string> outlines;  // path data drawn over the areas, unlinked (the oblasts on a map of the country)
};

// Fits `areas` and `outlines` together into a viewBox `width` wide (see RenderLocatorMap for the projection).
ProjectedMap ProjectAreas(const std::vector<Shape>& areas, const std::vector<Shape>& outlines, int width);

struct AreaLink {
  std::string href;
  std::string name;     // the link's accessible name, its <title>: "Лом: has an adopted plan"
  bool marked = false;  // filled with the marked colour and hatched, so that colour is not the only sign
};

// The areas as links, each keyboard-reachable and named by its <title>: marked ones (class "map-area map-marked")
// hatched over the highlight colour, the others (class "map-area") plain; an area without an entry in `links` is
// drawn, not linked. The <svg> is role="group" named by `options.title`, not role="img", whose children a screen
// reader would not reach.
std::string RenderAreaMap(const ProjectedMap& map, const std::map<std::string, AreaLink, std::less<>>& links,
                          const MapOptions& options);

// A small square for a legend: how RenderAreaMap draws a marked (hatched) or an unmarked area. Hidden from screen
// readers: the legend's text says it.
std::string RenderAreaKey(bool marked, std::string_view id_prefix);

// The shades of a map coloured by a figure, lightest (lowest) first: five steps of viridis, which keep their order
// printed in grey and for readers with any common colour-vision deficiency.
inline constexpr std::array<std::string_view, 5> kShades = {"#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"};

struct ShadedArea {
  std::string href;
  std::string name;  // the link's accessible name, its <title>: "Лом: 42 %"
  int shade = -1;    // an index into kShades; -1 for an area without a figure, drawn hatched grey
};

// The areas as links (keyboard-reachable, named by their <title>), each filled with its shade; an area without an
// entry is drawn, not linked. Like RenderAreaMap, a role="group" named by `options.title`.
std::string RenderShadedMap(const ProjectedMap& map, const std::map<std::string, ShadedArea, std::less<>>& areas,
                            const MapOptions& options);

// A legend's square for `shade` (-1: the hatch of "no figure"), hidden from screen readers: the legend's text says it.
std::string RenderShadeKey(int shade, std::string_view id_prefix);

}  // namespace web
