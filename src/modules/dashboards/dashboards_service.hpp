#pragma once
// The figures every module declared (kernel::PlaceMeasures), read once per change of the data: the home page's map,
// the overviews and the scorecards ask for them on every render, and each measure reads every municipality.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/data_version.hpp"
#include "kernel/place_measures.hpp"
#include "modules/places/places_service.hpp"

namespace dashboards {

class DashboardsService {
 public:
  DashboardsService(const kernel::PlaceMeasures& measures, kernel::DataVersion& version, places::PlacesService& places)
      : measures_(measures), version_(version), places_(places) {}

  const std::vector<kernel::PlaceMeasure>& Measures() const { return measures_.all(); }
  // The measure of this code, or the first declared for an unknown or empty one (a map always shows something).
  const kernel::PlaceMeasure* MeasureOr(std::string_view code) const;
  // Every municipality's figure of `measure`, as of the current data version.
  std::shared_ptr<const kernel::PlaceFigures> Figures(const kernel::PlaceMeasure& measure);
  // Its figures area by area, when it has them (empty otherwise), as of the current data version.
  std::shared_ptr<const std::vector<kernel::ByArea>> ByArea(const kernel::PlaceMeasure& measure);
  // Every municipality, by Bulgarian name; the oblasts in order.
  std::vector<places::Municipality> Municipalities() { return places_.AllMunicipalities(); }
  std::vector<places::Oblast> Oblasts() { return places_.AllOblasts(); }
  // The municipality of this code, or nothing.
  std::optional<places::Municipality> Municipality(std::string_view code);

 private:
  const kernel::PlaceMeasures& measures_;
  kernel::DataVersion& version_;
  places::PlacesService& places_;
  std::mutex mutex_;
  struct Kept {
    std::int64_t version = -1;
    std::shared_ptr<const kernel::PlaceFigures> figures;
    std::int64_t areas_version = -1;
    std::shared_ptr<const std::vector<kernel::ByArea>> areas;
  };
  std::map<std::string, Kept, std::less<>> kept_;  // by measure code
};

}  // namespace dashboards
