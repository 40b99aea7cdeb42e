#include "modules/places/places_views.hpp"

#include <spdlog/spdlog.h>

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
