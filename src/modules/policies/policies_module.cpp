#include "modules/policies/policies_module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "formats/table.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/pending_imports.hpp"
#include "modules/policies/plan_commands.hpp"
#include "modules/policies/policies_routes.hpp"
#include "modules/policies/policies_service.hpp"
#include "modules/policies/policies_store.hpp"
#include "modules/policies/policy_dashboards.hpp"
#include "modules/policies/policy_home.hpp"
#include "modules/policies/policy_marks.hpp"

namespace policies {
namespace {

// An invented action plan for Лом, marked as demo data, so that a new installation shows how the cascade works:
// loaded once (never again after someone deletes or changes it), through the import as an operator would load it,
// and only where Лом, its town and the reference documents are there.
bool SeedDemoPlan(PoliciesService& service, places::PlacesService& places, const std::filesystem::path& directory,
                  const std::function<void(const std::string&)>& log) {
  const std::filesystem::path file = directory / "demo-lom-action-plan.csv";
  if (!std::filesystem::exists(file) || service.HasDemoDocument()) return false;
  const auto settlements = places.ListSettlements("MON24");
  const auto national = service.FindDocumentByReferenceKey("bg-roma-strategy-2021");
  if (!national || std::none_of(settlements.begin(), settlements.end(),
                                [](const places::Settlement& each) { return each.ekatte == "44238"; })) {
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const auto table = formats::ReadTable(bytes.str());
  if (!table) throw std::runtime_error(file.string() + ": " + table.error().message);

  const Actor loader{
      std::nullopt, {{core::Role::kAdministrator, {core::ScopeKind::kInstallation, ""}}}, {"reference data", ""}};
  Document plan;
  plan.level = Level::kMunicipal;
  plan.kind = "action_plan";
  plan.title = "Общински план за действие на Лом 2027–2030 (демонстрационни данни)";
  plan.title_en = "Lom municipal action plan 2027–2030 (demo data)";
  plan.period_start = 2027;
  plan.period_end = 2030;
  plan.municipality_code = "MON24";
  plan.status = "adopted";
  plan.implements_document_id = national->id;
  plan.demo = true;
  const auto created = service.CreateDocument(loader, plan);
  if (!created) throw std::runtime_error("demo plan: " + created.error().message);
  const auto report = service.ImportPlan(loader, created->id, *table, ImportMode::kStore);
  if (!report) throw std::runtime_error("demo plan: " + report.error().message);
  if (!report->problems.empty()) {
    const auto& problem = report->problems.front();
    throw std::runtime_error(
        fmt::format("{}:{}: {}: {} ({})", file.string(), problem.line, problem.column, problem.message, problem.value));
  }
  if (log) log(fmt::format("loaded a demo action plan for Лом with {} items from {}", report->created, file.string()));
  return true;
}

// The areas, the EU framework and the national strategy; then the demo plan, which implements the strategy.
bool Seed(kernel::SeedContext& context) {
  auto& service = context.services.Get<PoliciesService>();
  const std::filesystem::path directory = context.data_directory / "policy";
  const auto loaded = service.LoadReferenceData(directory, context.log);
  if (!loaded) throw std::runtime_error("reference data: " + loaded.error().message);
  const bool demo = SeedDemoPlan(service, context.services.Get<places::PlacesService>(), directory, context.log);
  return *loaded || demo;
}

}  // namespace

void Register(kernel::Module& module) {
  module.Name("policies");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<PoliciesStore>(context.database);
    context.services.Make<PoliciesService>(store, context.services.Get<places::PlacesService>(),
                                           context.services.Get<kernel::AuditLog>(), context.database);
    context.services.Make<PendingImports>(store, context.services.Get<core::Clock>());
  });
  module.Seed(Seed);
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    AddPoliciesRoutes(routes, site, services.Get<PoliciesService>(), services.Get<places::PlacesService>(),
                      services.Get<kernel::ItemSections>(), services.Get<kernel::GapSections>(),
                      services.Get<kernel::DocumentSections>());
    AddPlanExchangeRoutes(routes, site, services.Get<PoliciesService>(), services.Get<PendingImports>());
    services.Get<kernel::Home>().Add(PlansNeedingYou(site, services.Get<PoliciesService>(),
                                                     services.Get<places::PlacesService>(),
                                                     services.Get<accounts::OrganisationService>()));
    services.Get<kernel::PlaceSections>().Add(PlansOfThePlace(site, services.Get<PoliciesService>()));
    services.Get<kernel::PlaceMarks>().Add(kernel::kAdoptedMunicipalPlan,
                                           AdoptedMunicipalPlans(services.Get<PoliciesService>()));
    DeclarePlanMeasures(services.Get<kernel::PlaceMeasures>(), services.Get<PoliciesService>(),
                        services.Get<kernel::DataVersion>());
    services.Get<kernel::ScorecardParts>().Add(PlanByArea(site, services.Get<PoliciesService>()));
    services.Get<kernel::RecentChanges>().Add(PlansChanged(site, services.Get<PoliciesService>()));
  });
  module.Navigation("Policies", "/policies");
  module.Audit("document_created", "Document created");
  module.Audit("document_changed", "Document changed");
  module.Audit("document_deleted", "Draft document deleted");
  module.Audit("document_carried_over", "Plan carried over to a new period");
  module.Audit("item_created", "Objective, measure or activity added");
  module.Audit("item_changed", "Objective, measure or activity changed");
  module.Audit("item_linked", "Link to a higher level added");
  module.Audit("item_unlinked", "Link to a higher level removed");
  module.Audit("item_withdrawn", "Item withdrawn from a plan");
  module.Audit("item_restored", "Item restored to a plan");
  module.Audit("plan_imported", "Plan imported from a file");
  module.Audit("funding_source_added", "Funding source added");
  AddPlanCommands(module);
}

}  // namespace policies
