#include "modules/places/places_module.hpp"

#include <fmt/format.h>

#include "modules/places/country_commands.hpp"
#include "modules/places/places_routes.hpp"
#include "modules/places/places_service.hpp"
#include "modules/places/places_store.hpp"
#include "modules/places/places_views.hpp"
#include "modules/places/reference_data.hpp"

namespace places {
namespace {

// The NSI's population of municipalities from 2023 and the Census 2021, from data/bg, where they are missing: in a new
// database after the places, and in one seeded before these files shipped.
bool SeedPopulationFigures(PlacesService& places, const std::filesystem::path& directory,
                           const std::function<void(const std::string&)>& log) {
  if (places.HasPopulationFigures()) return false;
  auto figures = ReadPopulationFigures(directory);
  if (!figures) throw std::runtime_error("reference data: " + figures.error().message);
  if (log) {
    log(fmt::format("loading {} population figures of municipalities and the Census 2021 of {} places from {}",
                    figures->municipality_population.size(), figures->census.size(), directory.string()));
  }
  places.InsertPopulationFigures(*figures);
  return true;
}

// EKATTE's places and the population by settlement, from data/bg, into an empty database; then the later figures.
bool SeedPlaces(kernel::SeedContext& context) {
  PlacesService& places = context.services.Get<PlacesService>();
  const std::filesystem::path directory = context.data_directory / "bg";
  if (places.HasReferenceData()) {
    const bool figures = SeedPopulationFigures(places, directory, context.log);
    return SeedCountries(context) || figures;
  }
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
  SeedPopulationFigures(places, directory, context.log);
  SeedCountries(context);
  return true;
}

}  // namespace

void Register(kernel::Module& module) {
  module.Name("places");
  module.SearchKeys("oblasts", "code", "name_bg");
  module.SearchKeys("municipalities", "code", "name_bg");
  module.SearchKeys("settlements", "ekatte", "name_bg");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<PlacesStore>(context.database);
    auto& places = context.services.Make<PlacesService>(store, context.services.Get<kernel::AuditLog>());
    // The drawn maps and kept bodies of places: the places' pages use them, and the dashboards colour the maps.
    context.services.Make<PlaceViews>(places);
  });
  module.Seed(SeedPlaces);
  module.Audit("places_imported", "Places of a country imported");
  AddPlacesCommands(module);
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    AddPlacesRoutes(routes, site, services.Get<PlacesService>(), services.Get<PlaceViews>(),
                    services.Get<kernel::PlaceSections>(), services.Get<kernel::PlaceMarks>());
  });
  module.Navigation("Places", "/places");
}

}  // namespace places
