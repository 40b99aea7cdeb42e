#include "modules/places/places_module.hpp"

#include <fmt/format.h>

#include "modules/places/places_routes.hpp"
#include "modules/places/places_service.hpp"
#include "modules/places/places_store.hpp"
#include "modules/places/reference_data.hpp"

namespace places {
namespace {

// EKATTE's places and the census population, from data/bg, into an empty database.
bool SeedPlaces(kernel::SeedContext& context) {
  PlacesService& places = context.services.Get<PlacesService>();
  if (places.HasReferenceData()) return false;
  const std::filesystem::path directory = context.data_directory / "bg";
  ReferenceDataReport report;
  auto data = ReadReferenceData(directory, report);
  if (!data) throw std::runtime_error("reference data: " + data.error().message);
  if (context.log) {
    context.log(fmt::format("loading {} oblasts, {} municipalities, {} settlements and {} population figures from {}",
                            data->oblasts.size(), data->municipalities.size(), data->settlements.size(),
                            data->population.size(), directory.string()));
  }
  places.InsertReferenceData(*data);
  if (context.log && report.skipped_population_rows > 0) {
    context.log(fmt::format("skipped {} census rows of settlements that are no longer in EKATTE",
                            report.skipped_population_rows));
  }
  return true;
}

}  // namespace

void Register(kernel::Module& module) {
  module.Name("places");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<PlacesStore>(context.database);
    context.services.Make<PlacesService>(store);
  });
  module.Seed(SeedPlaces);
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    AddPlacesRoutes(routes, site, services.Get<PlacesService>(), services.Get<kernel::PlaceSections>());
  });
  module.Navigation("Places", "/places");
}

}  // namespace places
