#pragma once
// The whole product in one object: the database (migrated, with reference data), the site, every module's
// routes and the request pipeline. `khetane serve` runs it behind the HTTP server; tests build it in-process.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/migrator.hpp"
#include "http/router.hpp"
#include "web/app.hpp"
#include "web/site.hpp"

namespace accounts {
class AccountsStore;
class AccountsService;
class SessionService;
class InvitationStore;
class InvitationService;
class OrganisationStore;
class OrganisationService;
class RegistrationStore;
class RegistrationService;
}  // namespace accounts

namespace places {
class PlacesStore;
class PlacesService;
}  // namespace places

namespace policies {
class PoliciesStore;
class PoliciesService;
}  // namespace policies

namespace application {

struct Paths {
  std::filesystem::path share_directory;   // templates/, static/, data/, docs/, src/modules/*/{templates,migrations}
  std::filesystem::path locale_directory;  // compiled .mo catalogues
};

// Modules with tables, in the order their tables depend on each other.
std::vector<db::MigrationSource> MigrationSources(const std::filesystem::path& share_directory);

// Applies pending migrations; `on_applied` hears each one's id.
int MigrateDatabase(db::Database& database, const std::filesystem::path& share_directory,
                    const std::function<void(std::string_view)>& on_applied = {});

// Loads the reference data of `data_directory` into an empty database: Bulgarian places from bg/, the policy cascade's
// areas, EU framework and national strategy from policy/, and a demo action plan for Лом (marked as demo data) unless
// the database has a demo document already. False when all were there already. Progress goes to `log`.
bool SeedReferenceData(db::Database& database, const std::filesystem::path& data_directory,
                       const std::function<void(const std::string&)>& log = {});

class Application {
 public:
  // Migrates and seeds `database` if needed, then registers every module's routes.
  Application(db::Database& database, const Paths& paths, web::AppOptions options = {});
  ~Application();

  http::Response Handle(http::Request& request) const { return app_->Handle(request); }
  const http::Router& router() const { return router_; }

 private:
  db::Database& database_;
  web::Site site_;
  http::Router router_;
  std::unique_ptr<web::App> app_;
  std::unique_ptr<accounts::AccountsStore> accounts_store_;
  std::unique_ptr<accounts::SessionService> sessions_;
  std::unique_ptr<accounts::AccountsService> accounts_;
  std::unique_ptr<accounts::InvitationStore> invitation_store_;
  std::unique_ptr<accounts::InvitationService> invitations_;
  std::unique_ptr<accounts::OrganisationStore> organisation_store_;
  std::unique_ptr<accounts::OrganisationService> organisations_;
  std::unique_ptr<accounts::RegistrationStore> registration_store_;
  std::unique_ptr<accounts::RegistrationService> registrations_;
  std::unique_ptr<places::PlacesStore> places_store_;
  std::unique_ptr<places::PlacesService> places_service_;
  std::unique_ptr<policies::PoliciesStore> policies_store_;
  std::unique_ptr<policies::PoliciesService> policies_;
};

}  // namespace application
