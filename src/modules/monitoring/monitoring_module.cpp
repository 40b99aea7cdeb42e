#include "modules/monitoring/monitoring_module.hpp"

#include <stdexcept>

#include "modules/accounts/organisations.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "modules/monitoring/monitoring_service.hpp"
#include "modules/monitoring/monitoring_store.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policies_service.hpp"

namespace monitoring {

void Register(kernel::Module& module) {
  module.Name("monitoring");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<MonitoringStore>(context.database);
    context.services.Make<MonitoringService>(
        store, context.services.Get<places::PlacesService>(), context.services.Get<policies::PoliciesService>(),
        context.services.Get<accounts::OrganisationService>(), context.services.Get<indicators::IndicatorsService>(),
        context.services.Get<kernel::AuditLog>(), context.services.Get<core::Clock>(),
        context.options.discrepancy_threshold, context.options.suppress_below);
  });
  // The indicators a closed cycle feeds, then the demo cycle of the demo plan's municipality.
  module.Seed([](kernel::SeedContext& context) {
    auto& service = context.services.Get<MonitoringService>();
    const bool made = service.EnsureIndicators();
    return service.LoadDemo(context.data_directory / "monitoring", context.log) || made;
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    auto& service = services.Get<MonitoringService>();
    // Fixed paths (/monitoring/cycles.csv, /monitoring/new) before the patterns that would take them.
    AddReportPages(routes, site, service);
    AddCyclePages(routes, site, service);
    AddFilingPages(routes, site, service);
    AddAssessmentPages(routes, site, service);
    AddDiscrepancyPages(routes, site, service);
    services.Get<kernel::ItemSections>().Add(CommunityViewOfTheItem(site, service));
    services.Get<kernel::PlaceSections>().Add(MonitoringOfThePlace(site, service));
  });
  module.Navigation("Monitoring", "/monitoring");
  module.Audit("cycle_opened", "Monitoring cycle opened");
  module.Audit("cycle_closed", "Monitoring cycle closed");
  module.Audit("assessment_filed", "Community assessment filed");
  module.Audit("evidence_added", "Evidence added to an assessment");
  module.Audit("assessment_verified", "Assessment verified");
  module.Audit("assessment_evidence_requested", "More evidence asked for");
  module.Audit("assessment_rejected", "Assessment rejected");
  module.Audit("assessment_answered", "Authority answered an assessment");
  module.Audit("discrepancy_resolved", "Discrepancy resolved");
  module.Audit("action_updated", "Joint action plan item updated");
}

}  // namespace monitoring
