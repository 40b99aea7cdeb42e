#include "modules/dashboards/dashboards_service.hpp"

namespace dashboards {

const kernel::PlaceMeasure* DashboardsService::MeasureOr(std::string_view code) const {
  if (const kernel::PlaceMeasure* found = measures_.Find(code)) return found;
  return measures_.all().empty() ? nullptr : &measures_.all().front();
}

std::optional<places::Municipality> DashboardsService::Municipality(std::string_view code) {
  for (places::Municipality& each : places_.AllMunicipalities()) {
    if (each.code == code) return std::move(each);
  }
  return std::nullopt;
}

std::shared_ptr<const kernel::PlaceFigures> DashboardsService::Figures(const kernel::PlaceMeasure& measure) {
  const std::int64_t version = version_.Current();
  {
    std::lock_guard lock(mutex_);
    const auto found = kept_.find(measure.code);
    if (found != kept_.end() && found->second.version == version) return found->second.figures;
  }
  auto figures = std::make_shared<const kernel::PlaceFigures>(measure.figures());
  std::lock_guard lock(mutex_);
  Kept& kept = kept_[measure.code];
  kept.version = version;
  kept.figures = figures;
  return figures;
}

std::shared_ptr<const std::vector<kernel::ByArea>> DashboardsService::ByArea(const kernel::PlaceMeasure& measure) {
  const std::int64_t version = version_.Current();
  {
    std::lock_guard lock(mutex_);
    const auto found = kept_.find(measure.code);
    if (found != kept_.end() && found->second.areas_version == version) return found->second.areas;
  }
  auto areas = std::make_shared<const std::vector<kernel::ByArea>>(measure.by_area ? measure.by_area()
                                                                                   : std::vector<kernel::ByArea>{});
  std::lock_guard lock(mutex_);
  Kept& kept = kept_[measure.code];
  kept.areas_version = version;
  kept.areas = areas;
  return areas;
}

}  // namespace dashboards
