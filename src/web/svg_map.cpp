#include "web/svg_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <numbers>
#include <stdexcept>
#include <string>
#include <utility>

#include "web/svg_common.hpp"

namespace web {

namespace {

using nlohmann::json;

constexpr int kMinWidth = 60;
constexpr int kMaxWidth = 4000;
constexpr double kMarginPixels = 4.0;
constexpr double kMaxAspect = 3.0;  // a map taller than 3 widths is fitted to that height instead
// Coordinates are written in tenths of a viewBox unit. A point closer than this to the last one kept adds nothing
// visible at ~320 units wide and is dropped; it is what keeps the map of Bulgaria around 20 KB rather than 150 KB.
constexpr std::int64_t kMinStepTenths = 7;
// Douglas–Peucker then removes points lying within this distance of the line through their neighbours
// (straight-ish runs of a border), which halves the output again without a visible change.
constexpr double kToleranceTenths = 4.0;
constexpr double kMinMarkerRadius = 6.0;
constexpr double kMarkerClearance = 3.0;  // the marker rings the shape just outside its bounding box

[[noreturn]] void FailFeature(std::size_t index, const std::string& what) {
  throw std::invalid_argument("GeoJSON feature " + std::to_string(index) + ": " + what);
}

// RFC 7946 §3.1.1: a position is [longitude, latitude] with an optional altitude, which a flat map ignores.
LonLat ParsePosition(const json& position, std::size_t index) {
  if (!position.is_array() || position.size() < 2) FailFeature(index, "a position is not an array of two numbers");
  const json& lon = position[0];
  const json& lat = position[1];
  if (!lon.is_number() || !lat.is_number()) FailFeature(index, "a coordinate is not a number");
  const LonLat point{lon.get<double>(), lat.get<double>()};
  if (!std::isfinite(point.lon) || !std::isfinite(point.lat) || std::abs(point.lon) > 180.0 ||
      std::abs(point.lat) > 90.0) {
    FailFeature(index, "a coordinate is outside longitude/latitude range (projected data? CRS84 is expected)");
  }
  return point;
}

// RFC 7946 §3.1.6: a linear ring is closed and has four or more positions.
Ring ParseRing(const json& ring, std::size_t index) {
  if (!ring.is_array()) FailFeature(index, "a ring is not an array of positions");
  if (ring.size() < 4) FailFeature(index, "a ring has fewer than 4 positions");
  Ring points;
  points.reserve(ring.size());
  for (const json& position : ring) points.push_back(ParsePosition(position, index));
  return points;
}

void AppendPolygon(const json& polygon, std::size_t index, std::vector<Ring>& rings) {
  if (!polygon.is_array() || polygon.empty()) FailFeature(index, "a polygon is not a non-empty array of rings");
  for (const json& ring : polygon) rings.push_back(ParseRing(ring, index));
}

std::string ParseCode(const json& feature, std::string_view code_property, std::size_t index) {
  const auto properties = feature.find("properties");
  if (properties == feature.end() || !properties->is_object()) FailFeature(index, "no \"properties\" object");
  const auto code = properties->find(code_property);
  if (code == properties->end()) FailFeature(index, "no \"" + std::string(code_property) + "\" property");
  if (code->is_string()) return code->get<std::string>();
  if (code->is_number_integer()) return code->dump();
  FailFeature(index, "the \"" + std::string(code_property) + "\" property is not a string");
}

struct Bounds {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  void Add(double x, double y) {
    min_x = std::min(min_x, x), max_x = std::max(max_x, x);
    min_y = std::min(min_y, y), max_y = std::max(max_y, y);
  }
  bool empty() const { return !(min_x <= max_x); }
};

Bounds GeographicBounds(const Shape& shape) {
  Bounds bounds;
  for (const Ring& ring : shape.rings) {
    for (const LonLat& point : ring) bounds.Add(point.lon, point.lat);
  }
  return bounds;
}

// Equirectangular, with longitude shrunk by cos(mean latitude) so that shapes keep their proportions near that
// latitude (at 42.7° N a degree of longitude is 0.73 of a degree of latitude), north up.
class Projection {
 public:
  Projection(const Bounds& bounds, int width) : west_(bounds.min_x), north_(bounds.max_y) {
    const double mean_latitude = (bounds.min_y + bounds.max_y) / 2.0;
    x_factor_ = std::max(0.01, std::cos(mean_latitude * std::numbers::pi / 180.0));
    const double geo_width = (bounds.max_x - bounds.min_x) * x_factor_;
    const double geo_height = bounds.max_y - bounds.min_y;
    const double inner_width = width - 2.0 * kMarginPixels;
    const double max_inner_height = width * kMaxAspect - 2.0 * kMarginPixels;
    scale_ = 1.0;
    if (geo_width > 0.0 && geo_height > 0.0) {
      scale_ = std::min(inner_width / geo_width, max_inner_height / geo_height);
    } else if (geo_width > 0.0) {
      scale_ = inner_width / geo_width;
    } else if (geo_height > 0.0) {
      scale_ = max_inner_height / geo_height;
    }
    offset_x_ = kMarginPixels + (inner_width - geo_width * scale_) / 2.0;  // centred when height limited the scale
    height_ = static_cast<int>(std::ceil(geo_height * scale_ + 2.0 * kMarginPixels));
  }

  double X(const LonLat& point) const { return offset_x_ + (point.lon - west_) * x_factor_ * scale_; }
  double Y(const LonLat& point) const { return kMarginPixels + (north_ - point.lat) * scale_; }
  int height() const { return height_; }

 private:
  double west_;
  double north_;
  double x_factor_ = 1.0;
  double scale_ = 1.0;
  double offset_x_ = 0.0;
  int height_ = 0;
};

struct Tenths {
  std::int64_t x;
  std::int64_t y;
};

std::int64_t ToTenths(double value) {
  // Far outside any viewBox (a shape far from the context's bounding box lands there), and small enough that
  // squared distances between two such points cannot overflow std::int64_t.
  constexpr double kLimit = 1e6;
  return static_cast<std::int64_t>(std::llround(std::clamp(value, -kLimit, kLimit) * 10.0));
}

double DistanceToSegment(const Tenths& p, const Tenths& a, const Tenths& b) {
  const double dx = static_cast<double>(b.x - a.x);
  const double dy = static_cast<double>(b.y - a.y);
  const double px = static_cast<double>(p.x - a.x);
  const double py = static_cast<double>(p.y - a.y);
  const double length_squared = dx * dx + dy * dy;
  if (length_squared == 0.0) return std::hypot(px, py);
  const double t = std::clamp((px * dx + py * dy) / length_squared, 0.0, 1.0);
  return std::hypot(px - t * dx, py - t * dy);
}

// Douglas–Peucker on the open run points[0..n-1]; the ring's closing edge n-1 → 0 is kept implicitly.
std::vector<Tenths> Simplify(const std::vector<Tenths>& points, double tolerance) {
  if (points.size() < 3) return points;
  std::vector<bool> keep(points.size(), false);
  keep.front() = keep.back() = true;
  std::vector<std::pair<std::size_t, std::size_t>> spans = {{0, points.size() - 1}};  // a stack, not recursion
  while (!spans.empty()) {
    const auto [first, last] = spans.back();
    spans.pop_back();
    double farthest = 0.0;
    std::size_t split = first;
    for (std::size_t i = first + 1; i < last; ++i) {
      const double distance = DistanceToSegment(points[i], points[first], points[last]);
      if (distance > farthest) farthest = distance, split = i;
    }
    if (farthest <= tolerance) continue;
    keep[split] = true;
    spans.push_back({first, split});
    spans.push_back({split, last});
  }
  std::vector<Tenths> kept;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (keep[i]) kept.push_back(points[i]);
  }
  return kept;
}

// The ring in viewBox tenths, without the closing position (the path's Z closes it), without points closer
// than `min_step` to the last one kept, simplified within `tolerance`. Empty when fewer than 3 points remain: the
// ring is too small to draw.
std::vector<Tenths> ProjectRing(const Ring& ring, const Projection& projection, std::int64_t min_step,
                                double tolerance) {
  std::vector<Tenths> kept;
  const std::int64_t min_step_squared = min_step * min_step;
  auto far_enough = [&](const Tenths& a, const Tenths& b) {
    const std::int64_t dx = a.x - b.x;
    const std::int64_t dy = a.y - b.y;
    return dx * dx + dy * dy >= min_step_squared;
  };
  for (const LonLat& point : ring) {
    const Tenths projected{ToTenths(projection.X(point)), ToTenths(projection.Y(point))};
    if (kept.empty() || far_enough(projected, kept.back())) kept.push_back(projected);
  }
  while (kept.size() > 1 && !far_enough(kept.back(), kept.front())) kept.pop_back();
  if (tolerance > 0.0) kept = Simplify(kept, tolerance);
  if (kept.size() < 3) kept.clear();
  return kept;
}

// A number of tenths as short as SVG allows: 12 → "1.2", -5 → "-.5", 30 → "3".
void AppendTenths(std::string& out, std::int64_t tenths) {
  if (tenths < 0) out += '-';
  const std::int64_t magnitude = tenths < 0 ? -tenths : tenths;
  if (magnitude >= 10 || magnitude == 0) out += std::to_string(magnitude / 10);
  if (magnitude % 10 != 0) {
    out += '.';
    out += static_cast<char>('0' + magnitude % 10);
  }
}

// A separator is needed only before a number that does not start with '-'.
void AppendCoordinate(std::string& out, std::int64_t tenths) {
  if (tenths >= 0 && !out.empty() && out.back() != 'M' && out.back() != 'l') out += ' ';
  AppendTenths(out, tenths);
}

// "M x y l dx dy … Z" per ring: relative steps are a few characters each, and are taken between already rounded
// points, so rounding does not accumulate along the ring.
std::string PathData(const Shape& shape, const Projection& projection, std::int64_t min_step, double tolerance) {
  std::string d;
  for (const Ring& ring : shape.rings) {
    const std::vector<Tenths> points = ProjectRing(ring, projection, min_step, tolerance);
    if (points.empty()) continue;
    d += 'M';
    AppendCoordinate(d, points[0].x);
    AppendCoordinate(d, points[0].y);
    d += 'l';
    for (std::size_t i = 1; i < points.size(); ++i) {
      AppendCoordinate(d, points[i].x - points[i - 1].x);
      AppendCoordinate(d, points[i].y - points[i - 1].y);
    }
    d += 'Z';
  }
  return d;
}

Bounds BoundsOf(const std::vector<Shape>& shapes) {
  Bounds bounds;
  for (const Shape& shape : shapes) {
    const Bounds shape_bounds = GeographicBounds(shape);
    if (shape_bounds.empty()) continue;
    bounds.Add(shape_bounds.min_x, shape_bounds.min_y);
    bounds.Add(shape_bounds.max_x, shape_bounds.max_y);
  }
  return bounds;
}

// The hatch of marked areas: light diagonal lines over the highlight colour, which stands 3:1 against the plain areas'
// grey (WCAG 1.4.11); the lines tell marked areas apart where colour does not (print, colour blindness).
std::string HatchPattern(const std::string& id) {
  return "<pattern id=\"" + id +
         "\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" patternTransform=\"rotate(45)\">"
         "<rect class=\"map-hatch-ground\" width=\"4\" height=\"4\" fill=\"#c2410c\"/>"
         "<path class=\"map-hatch-line\" d=\"M1 0V4\" stroke=\"#fff7ed\" stroke-width=\"1.2\"/></pattern>";
}

constexpr std::string_view kPlainFill = "#e5e9ee";

// "No figure": a light grey hatch, unlike any shade in colour and in grey.
std::string NoFigurePattern(const std::string& id) {
  return "<pattern id=\"" + id +
         "\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" patternTransform=\"rotate(45)\">"
         "<rect width=\"4\" height=\"4\" fill=\"#ffffff\"/>"
         "<path d=\"M1 0V4\" stroke=\"#9aa3ad\" stroke-width=\"1\"/></pattern>";
}

std::string ShadeFill(int shade, const std::string& none_id) {
  if (shade < 0 || shade >= static_cast<int>(kShades.size())) return "url(#" + none_id + ")";
  return std::string(kShades[static_cast<std::size_t>(shade)]);
}

}  // namespace

ProjectedMap ProjectAreas(const std::vector<Shape>& areas, const std::vector<Shape>& outlines, int width) {
  ProjectedMap map;
  map.width = width <= 0 ? 320 : std::clamp(width, kMinWidth, kMaxWidth);
  Bounds bounds = BoundsOf(areas);
  const Bounds outline_bounds = BoundsOf(outlines);
  if (!outline_bounds.empty()) {
    bounds.Add(outline_bounds.min_x, outline_bounds.min_y);
    bounds.Add(outline_bounds.max_x, outline_bounds.max_y);
  }
  if (bounds.empty()) bounds.Add(0.0, 0.0);
  const Projection projection(bounds, map.width);
  map.height = projection.height();
  for (const Shape& shape : areas) {
    std::string d = PathData(shape, projection, kMinStepTenths, kToleranceTenths);
    if (d.empty()) d = PathData(shape, projection, 1, 0.0);  // too small to thin: keep every distinct point
    map.areas.push_back({shape.code, std::move(d)});
  }
  for (const Shape& shape : outlines) {
    std::string d = PathData(shape, projection, kMinStepTenths, kToleranceTenths);
    if (!d.empty()) map.outlines.push_back(std::move(d));
  }
  return map;
}

namespace {

// The opening of a map of areas, up to the group the areas go in: the accessible name and description, `defs`.
std::string OpenAreaSvg(const ProjectedMap& map, const MapOptions& options, std::string_view svg_class,
                        const std::string& id, const std::string& defs) {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + std::string(svg_class) +
                    "\" viewBox=\"0 0 " + std::to_string(map.width) + " " + std::to_string(map.height) +
                    "\" width=\"100%\" role=\"group\" aria-labelledby=\"" + id + "-title\"";
  if (!options.description.empty()) svg += " aria-describedby=\"" + id + "-desc\"";
  svg += " font-size=\"" + std::to_string(svg_detail::kFontSize) + "\">";
  svg += "<title id=\"" + id + "-title\">" + EscapeXmlText(options.title) + "</title>";
  if (!options.description.empty()) {
    svg += "<desc id=\"" + id + "-desc\">" + EscapeXmlText(options.description) + "</desc>";
  }
  svg += "<defs>" + defs + "</defs>";
  svg.reserve(svg.size() + map.areas.size() * 400);
  svg += "<g fill-rule=\"evenodd\" stroke=\"#59616b\" stroke-width=\"0.5\" stroke-linejoin=\"round\">";
  return svg;
}

// One area: a link named by its <title> when `href` is given, otherwise drawn only.
void AppendArea(std::string& svg, const std::string& path, std::string_view fill, std::string_view link_class,
                const std::string* href, const std::string* name) {
  const std::string drawn = "<path d=\"" + path + "\" fill=\"" + std::string(fill) + "\"/>";
  if (href == nullptr) {
    svg += "<g class=\"map-area\">" + drawn + "</g>";
    return;
  }
  svg += "<a class=\"" + std::string(link_class) + "\" href=\"" + EscapeXmlText(*href) + "\"><title>" +
         EscapeXmlText(*name) + "</title>" + drawn + "</a>";
}

// The areas' group closed, the outlines drawn over them, the map closed.
void CloseAreaSvg(std::string& svg, const ProjectedMap& map) {
  svg += "</g>";
  if (!map.outlines.empty()) {
    svg += "<g class=\"map-outline\" fill=\"none\" stroke=\"#1d1d1f\" stroke-width=\"1\" pointer-events=\"none\">";
    for (const std::string& d : map.outlines) svg += "<path d=\"" + d + "\"/>";
    svg += "</g>";
  }
  svg += "</svg>";
}

}  // namespace

std::string RenderAreaMap(const ProjectedMap& map, const std::map<std::string, AreaLink, std::less<>>& links,
                          const MapOptions& options) {
  const std::string id = svg_detail::SafeIdPrefix(options.id_prefix, "map");
  const std::string hatch = id + "-hatch";
  std::string svg = OpenAreaSvg(map, options, "map area-map", id, HatchPattern(hatch));
  for (const ProjectedMap::Area& area : map.areas) {
    if (area.path.empty()) continue;
    const auto link = links.find(area.code);
    const bool linked = link != links.end();
    const bool marked = linked && link->second.marked;
    AppendArea(svg, area.path, marked ? "url(#" + hatch + ")" : std::string(kPlainFill),
               marked ? "map-area map-marked" : "map-area", linked ? &link->second.href : nullptr,
               linked ? &link->second.name : nullptr);
  }
  CloseAreaSvg(svg, map);
  return svg;
}

std::string RenderShadedMap(const ProjectedMap& map, const std::map<std::string, ShadedArea, std::less<>>& areas,
                            const MapOptions& options) {
  const std::string id = svg_detail::SafeIdPrefix(options.id_prefix, "map");
  const std::string none = id + "-none";
  std::string svg = OpenAreaSvg(map, options, "map area-map shaded-map", id, NoFigurePattern(none));
  for (const ProjectedMap::Area& area : map.areas) {
    if (area.path.empty()) continue;
    const auto found = areas.find(area.code);
    const bool linked = found != areas.end();
    AppendArea(svg, area.path, ShadeFill(linked ? found->second.shade : -1, none), "map-area",
               linked ? &found->second.href : nullptr, linked ? &found->second.name : nullptr);
  }
  CloseAreaSvg(svg, map);
  return svg;
}

std::string RenderShadeKey(int shade, std::string_view id_prefix) {
  const std::string none = svg_detail::SafeIdPrefix(id_prefix, "key") + "-none";
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map-key\" viewBox=\"0 0 16 16\" width=\"16\" "
      "height=\"16\" aria-hidden=\"true\" focusable=\"false\">";
  if (shade < 0) svg += "<defs>" + NoFigurePattern(none) + "</defs>";
  svg += "<rect x=\".5\" y=\".5\" width=\"15\" height=\"15\" stroke=\"#59616b\" fill=\"" + ShadeFill(shade, none) +
         "\"/></svg>";
  return svg;
}

std::string RenderAreaKey(bool marked, std::string_view id_prefix) {
  const std::string hatch = svg_detail::SafeIdPrefix(id_prefix, "key") + "-hatch";
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map-key\" viewBox=\"0 0 16 16\" width=\"16\" "
      "height=\"16\" aria-hidden=\"true\" focusable=\"false\">";
  if (marked) svg += "<defs>" + HatchPattern(hatch) + "</defs>";
  svg += "<rect x=\".5\" y=\".5\" width=\"15\" height=\"15\" stroke=\"#59616b\" fill=\"" +
         (marked ? "url(#" + hatch + ")" : std::string(kPlainFill)) + "\"/></svg>";
  return svg;
}

std::vector<Shape> ShapesFromGeoJson(const json& feature_collection, std::string_view code_property) {
  if (!feature_collection.is_object()) throw std::invalid_argument("GeoJSON: the document is not an object");
  const auto features = feature_collection.find("features");
  if (features == feature_collection.end() || !features->is_array()) {
    throw std::invalid_argument("GeoJSON: no \"features\" array");
  }
  std::vector<Shape> shapes;
  shapes.reserve(features->size());
  for (std::size_t index = 0; index < features->size(); ++index) {
    const json& feature = (*features)[index];
    if (!feature.is_object()) FailFeature(index, "not an object");
    Shape shape{ParseCode(feature, code_property, index), {}};
    const auto geometry = feature.find("geometry");
    if (geometry == feature.end() || !geometry->is_object()) FailFeature(index, "no geometry");
    const auto type = geometry->find("type");
    const auto coordinates = geometry->find("coordinates");
    if (type == geometry->end() || !type->is_string()) FailFeature(index, "the geometry has no type");
    if (coordinates == geometry->end() || !coordinates->is_array()) {
      FailFeature(index, "the geometry has no \"coordinates\" array");
    }
    const auto& type_name = type->get_ref<const std::string&>();
    if (type_name == "Polygon") {
      AppendPolygon(*coordinates, index, shape.rings);
    } else if (type_name == "MultiPolygon") {
      if (coordinates->empty()) FailFeature(index, "a MultiPolygon without polygons");
      for (const json& polygon : *coordinates) AppendPolygon(polygon, index, shape.rings);
    } else {
      FailFeature(index, "geometry type \"" + type_name + "\" is not Polygon or MultiPolygon");
    }
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

const Shape* FindShape(const std::vector<Shape>& shapes, std::string_view code) {
  const auto found = std::find_if(shapes.begin(), shapes.end(), [&](const Shape& shape) { return shape.code == code; });
  return found == shapes.end() ? nullptr : &*found;
}

std::string RenderLocatorMap(const std::vector<Shape>& context, const std::vector<const Shape*>& highlighted,
                             const MapOptions& options) {
  using svg_detail::FormatCoordinate;
  const int width = options.width <= 0 ? 320 : std::clamp(options.width, kMinWidth, kMaxWidth);
  const std::string id_prefix = svg_detail::SafeIdPrefix(options.id_prefix, "map");

  Bounds bounds;
  for (const Shape& shape : context) {
    const Bounds shape_bounds = GeographicBounds(shape);
    if (shape_bounds.empty()) continue;
    bounds.Add(shape_bounds.min_x, shape_bounds.min_y);
    bounds.Add(shape_bounds.max_x, shape_bounds.max_y);
  }
  if (bounds.empty()) {  // no context: fit the highlighted shapes themselves
    for (const Shape* shape : highlighted) {
      if (shape == nullptr) continue;
      const Bounds shape_bounds = GeographicBounds(*shape);
      if (shape_bounds.empty()) continue;
      bounds.Add(shape_bounds.min_x, shape_bounds.min_y);
      bounds.Add(shape_bounds.max_x, shape_bounds.max_y);
    }
  }
  if (bounds.empty()) bounds.Add(0.0, 0.0);
  const Projection projection(bounds, width);

  std::string svg =
      svg_detail::OpenSvg(id_prefix, "map", width, projection.height(), options.title, options.description);
  svg +=
      "<g fill=\"currentColor\" fill-opacity=\"0.06\" fill-rule=\"evenodd\" stroke=\"currentColor\" "
      "stroke-opacity=\"0.5\" stroke-width=\"0.5\" stroke-linejoin=\"round\">";
  for (const Shape& shape : context) {
    const std::string d = PathData(shape, projection, kMinStepTenths, kToleranceTenths);
    if (!d.empty()) svg += "<path class=\"map-context\" d=\"" + d + "\"/>";
  }
  svg += "</g>";

  svg +=
      "<g fill=\"currentColor\" fill-opacity=\"0.8\" fill-rule=\"evenodd\" stroke=\"currentColor\" "
      "stroke-width=\"0.5\" stroke-linejoin=\"round\">";
  std::string markers;
  for (const Shape* shape : highlighted) {
    if (shape == nullptr) continue;
    std::string d = PathData(*shape, projection, kMinStepTenths, kToleranceTenths);
    if (d.empty()) d = PathData(*shape, projection, 1, 0.0);  // too small to thin: keep every distinct point
    if (!d.empty()) svg += "<path class=\"map-highlight\" d=\"" + d + "\"/>";

    Bounds box;
    for (const Ring& ring : shape->rings) {
      for (const LonLat& point : ring) box.Add(projection.X(point), projection.Y(point));
    }
    if (box.empty()) continue;
    const double radius =
        std::max(kMinMarkerRadius, std::hypot(box.max_x - box.min_x, box.max_y - box.min_y) / 2.0 + kMarkerClearance);
    markers += "<circle class=\"map-marker\" cx=\"" + FormatCoordinate((box.min_x + box.max_x) / 2.0) + "\" cy=\"" +
               FormatCoordinate((box.min_y + box.max_y) / 2.0) + "\" r=\"" + FormatCoordinate(radius) + "\"/>";
  }
  svg += "</g>";
  if (!markers.empty()) {
    svg += "<g fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\">" + markers + "</g>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace web
