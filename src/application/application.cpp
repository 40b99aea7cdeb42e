#include "application/application.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "formats/table.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/admin_routes.hpp"
#include "modules/accounts/invitation_routes.hpp"
#include "modules/accounts/organisation_routes.hpp"
#include "modules/accounts/registration_routes.hpp"
#include "modules/home/home_routes.hpp"
#include "modules/places/places_routes.hpp"
#include "modules/places/reference_data.hpp"
#include "modules/policies/policies_routes.hpp"
#include "modules/policies/policies_service.hpp"
#include "modules/policies/policies_store.hpp"
#include "modules/policies/reference_data.hpp"

namespace application {

namespace {

bool SeedPlaces(db::Database& database, const std::filesystem::path& reference_directory,
                const std::function<void(const std::string&)>& log) {
  places::PlacesStore store(database);
  if (store.HasReferenceData()) return false;
  places::ReferenceDataReport report;
  auto data = places::ReadReferenceData(reference_directory, report);
  if (!data) throw std::runtime_error("reference data: " + data.error().message);
  if (log) {
    log(fmt::format("loading {} oblasts, {} municipalities, {} settlements and {} population figures from {}",
                    data->oblasts.size(), data->municipalities.size(), data->settlements.size(),
                    data->population.size(), reference_directory.string()));
  }
  store.InsertReferenceData(*data);
  if (log && report.skipped_population_rows > 0) {
    log(fmt::format("skipped {} census rows of settlements that are no longer in EKATTE",
                    report.skipped_population_rows));
  }
  return true;
}

// An invented action plan for Лом, marked as demo data, so that a new installation shows how the cascade works:
// loaded once (never again after someone deletes or changes it), through the import as an operator would load it,
// and only where Лом, its town and the reference documents are there.
bool SeedDemoPlan(db::Database& database, const std::filesystem::path& policy_directory,
                  const std::function<void(const std::string&)>& log) {
  const std::filesystem::path file = policy_directory / "demo-lom-action-plan.csv";
  policies::PoliciesStore store(database);
  if (!std::filesystem::exists(file) || store.HasDemoDocument()) return false;
  const auto settlements = places::PlacesStore(database).ListSettlements("MON24", std::nullopt);
  const auto national = store.FindDocumentByReferenceKey("bg-roma-strategy-2021");
  if (!national || std::none_of(settlements.begin(), settlements.end(),
                                [](const places::Settlement& each) { return each.ekatte == "44238"; })) {
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const auto table = formats::ReadTable(bytes.str());
  if (!table) throw std::runtime_error(file.string() + ": " + table.error().message);

  accounts::AccountsStore accounts(database);
  policies::PoliciesService service(store, accounts, database);
  const policies::Actor loader{std::nullopt,
                               {{accounts::Role::kAdministrator, {accounts::ScopeKind::kInstallation, ""}}},
                               {"reference data", ""}};
  policies::Document plan;
  plan.level = policies::Level::kMunicipal;
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
  const auto report = service.ImportPlan(loader, created->id, *table, false);
  if (!report) throw std::runtime_error("demo plan: " + report.error().message);
  if (!report->problems.empty()) {
    const auto& problem = report->problems.front();
    throw std::runtime_error(
        fmt::format("{}:{}: {}: {} ({})", file.string(), problem.line, problem.column, problem.message, problem.value));
  }
  if (log) log(fmt::format("loaded a demo action plan for Лом with {} items from {}", report->created, file.string()));
  return true;
}

}  // namespace

std::vector<db::MigrationSource> MigrationSources(const std::filesystem::path& share_directory) {
  std::vector<db::MigrationSource> sources;
  for (const char* module : {"places", "accounts", "policies"}) {
    sources.push_back({module, share_directory / "src" / "modules" / module / "migrations"});
  }
  return sources;
}

int MigrateDatabase(db::Database& database, const std::filesystem::path& share_directory,
                    const std::function<void(std::string_view)>& on_applied) {
  return db::Migrate(database, MigrationSources(share_directory), on_applied);
}

bool SeedReferenceData(db::Database& database, const std::filesystem::path& data_directory,
                       const std::function<void(const std::string&)>& log) {
  policies::PoliciesStore policies_store(database);
  const bool places_loaded = SeedPlaces(database, data_directory / "bg", log);
  // The cascade's documents name places only below the national level, so the order does not matter here.
  const auto policies_loaded = policies::SeedPolicyReferenceData(policies_store, data_directory / "policy", log);
  if (!policies_loaded) throw std::runtime_error("reference data: " + policies_loaded.error().message);
  const bool demo_loaded = SeedDemoPlan(database, data_directory / "policy", log);
  return places_loaded || *policies_loaded || demo_loaded;
}

Application::Application(db::Database& database, const Paths& paths, web::AppOptions options)
    : database_(database), site_({paths.share_directory, paths.locale_directory}) {
  MigrateDatabase(database_, paths.share_directory);
  SeedReferenceData(database_, paths.share_directory / "data");
  app_ = std::make_unique<web::App>(site_, router_, options);

  site_.LoadModuleTemplates("accounts");
  accounts_store_ = std::make_unique<accounts::AccountsStore>(database_);
  sessions_ = std::make_unique<accounts::SessionService>(*accounts_store_);
  accounts_ = std::make_unique<accounts::AccountsService>(*accounts_store_, database_);
  organisation_store_ = std::make_unique<accounts::OrganisationStore>(database_);
  organisations_ = std::make_unique<accounts::OrganisationService>(*organisation_store_, *accounts_store_, database_);
  registration_store_ = std::make_unique<accounts::RegistrationStore>(database_);
  registrations_ =
      std::make_unique<accounts::RegistrationService>(*registration_store_, *accounts_, *accounts_store_, database_);
  accounts::AddAccountRoutes(router_, *app_, site_, {*sessions_, *accounts_, *organisations_, *registrations_});
  accounts::AddAdminRoutes(router_, site_, *accounts_, *accounts_store_, *organisations_);
  accounts::AddOrganisationRoutes(router_, site_, *organisations_, database_);
  accounts::AddRegistrationRoutes(router_, site_, *app_, *registrations_, *accounts_, database_);
  invitation_store_ = std::make_unique<accounts::InvitationStore>(database_);
  invitations_ = std::make_unique<accounts::InvitationService>(*accounts_store_, *invitation_store_, database_,
                                                               options.public_url);
  accounts::AddInvitationRoutes(router_, site_, *invitations_, *app_, *accounts_);

  site_.LoadModuleTemplates("home");
  home::AddHomeRoutes(router_, site_, database_);

  site_.LoadModuleTemplates("places");
  places_store_ = std::make_unique<places::PlacesStore>(database_);
  places_service_ = std::make_unique<places::PlacesService>(*places_store_);
  places::AddPlacesRoutes(router_, site_, *places_service_);

  site_.LoadModuleTemplates("policies");
  policies_store_ = std::make_unique<policies::PoliciesStore>(database_);
  policies_ = std::make_unique<policies::PoliciesService>(*policies_store_, *accounts_store_, database_);
  policies::AddPoliciesRoutes(router_, site_, *policies_, database_);
}

Application::~Application() = default;

}  // namespace application
