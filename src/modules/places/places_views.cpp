#include "modules/places/places_views.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace places {
namespace {

nlohmann::json AsFeatureCollection(const std::vector<Boundary>& boundaries) {
  nlohmann::json features = nlohmann::json::array();
  for (const auto& boundary : boundaries) {
    features.push_back({{"type", "Feature"},
                        {"properties", {{"code", boundary.code}}},
                        {"geometry", nlohmann::json::parse(boundary.geometry)}});
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace

std::string PlaceViews::LocatorMap(const std::string& municipality_code, const std::string& title) {
  return *fragments_.GetOrRender("map/" + municipality_code + "\n" + title, [&]() -> std::string {
    const auto shapes = LoadShapes();
    const auto found = shapes->municipalities.find(municipality_code);
    if (found == shapes->municipalities.end() || shapes->oblasts.empty()) return {};
    web::MapOptions options;
    options.title = title;
    options.id_prefix = "map-" + municipality_code;
    return web::RenderLocatorMap(shapes->oblasts, {&found->second}, options);
  });
}

std::shared_ptr<const web::ProjectedMap> PlaceViews::ProjectedPlanMap(const std::string& oblast_code) {
  {
    std::lock_guard lock(mutex_);
    if (const auto found = projected_.find(oblast_code); found != projected_.end()) return found->second;
  }
  const auto shapes = LoadShapes();
  std::vector<web::Shape> areas;
  std::vector<web::Shape> outlines;
  for (const auto& [code, shape] : shapes->municipalities) {
    if (oblast_code.empty() || code.starts_with(oblast_code)) areas.push_back(shape);
  }
  if (oblast_code.empty()) {
    outlines = shapes->oblasts;
  } else if (const web::Shape* oblast = web::FindShape(shapes->oblasts, oblast_code)) {
    outlines.push_back(*oblast);
  }
  // The country is drawn wider than an oblast: its 265 municipalities need the resolution.
  auto projected = std::make_shared<const web::ProjectedMap>(
      areas.empty() ? web::ProjectedMap{} : web::ProjectAreas(areas, outlines, oblast_code.empty() ? 400 : 320));
  std::lock_guard lock(mutex_);
  return projected_.emplace(oblast_code, std::move(projected)).first->second;
}

std::shared_ptr<const std::vector<Municipality>> PlaceViews::MunicipalityNames() {
  {
    std::lock_guard lock(mutex_);
    if (municipalities_) return municipalities_;
  }
  auto loaded = std::make_shared<const std::vector<Municipality>>(places_.AllMunicipalities());
  std::lock_guard lock(mutex_);
  if (!municipalities_) municipalities_ = std::move(loaded);
  return municipalities_;
}

std::string PlaceViews::PlanMap(const web::Reader& reader, const std::string& oblast_code,
                                const kernel::MarkedPlaces& adopted, const web::MapOptions& options) {
  // What the drawing depends on besides the language: which municipalities are marked, and which only by demo data.
  std::string signature = options.title + "\n" + options.id_prefix + "\n";
  for (const auto& [code, marks] : adopted) {
    if (!oblast_code.empty() && !code.starts_with(oblast_code)) continue;
    const bool demo_only = std::all_of(marks.begin(), marks.end(), [](const auto& mark) { return mark.demo; });
    signature += code + (demo_only ? "*" : "") + " ";
  }
  const std::string key = oblast_code + "/" + std::string(reader.code());
  {
    std::lock_guard lock(mutex_);
    if (const auto found = drawn_.find(key); found != drawn_.end() && found->second.marks == signature) {
      return *found->second.svg;
    }
  }
  const auto projected = ProjectedPlanMap(oblast_code);
  if (projected->areas.empty()) return {};
  const auto municipalities = MunicipalityNames();
  const std::string has_plan = reader.Translate("{name}: has an adopted municipal plan");
  const std::string has_demo_plan = reader.Translate("{name}: has an adopted municipal plan (demo data)");
  const std::string no_plan = reader.Translate("{name}: no adopted municipal plan");
  std::map<std::string, web::AreaLink, std::less<>> links;
  for (const Municipality& municipality : *municipalities) {
    if (!oblast_code.empty() && municipality.oblast_code != oblast_code) continue;
    const auto marks = adopted.find(municipality.code);
    const bool marked = marks != adopted.end() && !marks->second.empty();
    const bool demo_only = marked && std::all_of(marks->second.begin(), marks->second.end(),
                                                 [](const kernel::PlaceMark& mark) { return mark.demo; });
    const std::string& pattern = !marked ? no_plan : demo_only ? has_demo_plan : has_plan;
    links.emplace(
        municipality.code,
        web::AreaLink{"/places/municipalities/" + municipality.code,
                      fmt::format(fmt::runtime(pattern),
                                  fmt::arg("name", reader.Localised(municipality.name_bg, municipality.name_en))),
                      marked});
  }
  auto svg = std::make_shared<const std::string>(web::RenderAreaMap(*projected, links, options));
  std::lock_guard lock(mutex_);
  drawn_.insert_or_assign(key, DrawnMap{std::move(signature), svg});
  return *svg;
}

std::shared_ptr<const PlaceViews::Shapes> PlaceViews::LoadShapes() {
  {
    std::lock_guard lock(mutex_);
    if (shapes_) return shapes_;
  }
  auto loaded = std::make_shared<Shapes>();
  try {
    loaded->oblasts = web::ShapesFromGeoJson(AsFeatureCollection(places_.Boundaries("oblast")), "code");
    for (auto& shape : web::ShapesFromGeoJson(AsFeatureCollection(places_.Boundaries("municipality")), "code")) {
      std::string code = shape.code;
      loaded->municipalities.emplace(std::move(code), std::move(shape));
    }
  } catch (const std::exception& error) {
    // A broken boundary must not take the page down: the page shows its data without the map.
    spdlog::error("boundaries cannot be drawn: {}", error.what());
  }
  std::lock_guard lock(mutex_);
  if (!shapes_) shapes_ = std::move(loaded);
  return shapes_;
}

}  // namespace places
