#include "modules/indicators/indicators_module.hpp"

#include "modules/indicators/indicator_commands.hpp"
#include "modules/indicators/indicators_routes.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "modules/indicators/indicators_store.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policies_service.hpp"

namespace indicators {
namespace {

// The library, the EU 2030 targets and the FRA survey figures, then the demo values of the demo plan's municipality.
bool Seed(kernel::SeedContext& context) {
  auto& service = context.services.Get<IndicatorsService>();
  const auto loaded = service.LoadReferenceData(context.data_directory / "indicators", context.log);
  if (!loaded) throw std::runtime_error("indicators: " + loaded.error().message);
  const bool demo = service.LoadDemoValues(context.data_directory / "indicators" / "demo-lom-values.csv", context.log);
  return *loaded || demo;
}

}  // namespace

void Register(kernel::Module& module) {
  module.Name("indicators");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<IndicatorsStore>(context.database);
    context.services.Make<IndicatorsService>(
        store, context.services.Get<places::PlacesService>(), context.services.Get<policies::PoliciesService>(),
        context.services.Get<kernel::AuditLog>(), context.services.Get<core::Clock>(), context.options.suppress_below);
  });
  module.Seed(Seed);
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    // Pages with a fixed path before /indicators/{code}, which would take them for a code (the first match wins).
    AddIndicatorPanels(routes, site, services.Get<IndicatorsService>());
    AddIndicatorForms(routes, site, services.Get<IndicatorsService>());
    AddIndicatorExchange(routes, site, services.Get<IndicatorsService>());
    AddIndicatorPages(routes, site, services.Get<IndicatorsService>());
    services.Get<kernel::PlaceSections>().Add(IndicatorsOfThePlace(site, services.Get<IndicatorsService>()));
    services.Get<kernel::ScorecardParts>().Add(ProgressAgainstTargets(site, services.Get<IndicatorsService>()));
    services.Get<kernel::ItemSections>().Add(IndicatorsOfTheItem(site, services.Get<IndicatorsService>()));
    services.Get<kernel::GapSections>().Add(UnmeasuredObjectives(site, services.Get<IndicatorsService>()));
  });
  module.Navigation("Indicators", "/indicators");
  module.Audit("indicator_created", "Indicator added to the library");
  module.Audit("indicator_changed", "Indicator changed");
  module.Audit("indicator_linked", "Indicator linked to an objective or a measure");
  module.Audit("indicator_unlinked", "Indicator unlinked from an objective or a measure");
  module.Audit("value_entered", "Indicator value entered");
  module.Audit("values_imported", "Indicator values imported from a file");
  module.Audit("value_approved", "Indicator value approved");
  module.Audit("value_reopened", "Approved indicator value reopened");
  module.Audit("period_closed", "Reporting period closed");
  module.Audit("period_reopened", "Reporting period reopened");
  module.Audit("target_set", "Indicator target set");
  AddIndicatorCommands(module);
}

}  // namespace indicators
