#pragma once
// The whole product in one object: the database (migrated, with reference data), the site, every module's services
// and routes, and the request pipeline. `khetane serve` runs it behind the HTTP server; tests build it in-process.
// The modules come from one list (application/modules.hpp); nothing here names a module.

#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/migrator.hpp"
#include "http/router.hpp"
#include "kernel/module.hpp"
#include "kernel/services.hpp"
#include "web/app.hpp"
#include "web/site.hpp"

namespace application {

struct Paths {
  std::filesystem::path share_directory;   // templates/, static/, data/, docs/, src/modules/*/{templates,migrations}
  std::filesystem::path locale_directory;  // compiled .mo catalogues
};

// The migration folders of the modules that have one.
std::vector<db::MigrationSource> MigrationSources(const std::filesystem::path& share_directory);

// Applies pending migrations; `on_applied` hears each one's id.
int MigrateDatabase(db::Database& database, const std::filesystem::path& share_directory,
                    const std::function<void(std::string_view)>& on_applied = {});

// Every module's services over `database`, in the order of the module list, with the kernel's own (the catalogue of
// what the modules declared, the clock, the audit log, the outbox of notifications) first. For the server and for
// command-line subcommands alike.
std::unique_ptr<kernel::Services> ProvideServices(db::Database& database, const web::AppOptions& options = {});

// Loads each module's reference data where it is missing (Bulgarian places from data/bg, the cascade from
// data/policy, a demo action plan for Лом). False when all was there already. Progress goes to `log`.
bool SeedReferenceData(kernel::Services& services, const std::filesystem::path& data_directory,
                       const std::function<void(const std::string&)>& log = {});
// The same over a database of its own (migrated already).
bool SeedReferenceData(db::Database& database, const std::filesystem::path& data_directory,
                       const std::function<void(const std::string&)>& log = {});

class Application {
 public:
  // Migrates and seeds `database` if needed, then declares every module's routes. Throws std::logic_error when the
  // modules' declarations disagree (a route, an API path or a navigation entry without its route).
  Application(db::Database& database, const Paths& paths, web::AppOptions options = {});
  ~Application();

  http::Response Handle(http::Request& request) const { return app_->Handle(request); }
  // What the route at `path` takes in its body: the server's limit for it (http::ServerOptions::body_of).
  http::Body BodyOf(http::Method method, std::string_view path) const { return app_->BodyOf(method, path); }
  const http::Router& router() const { return router_; }
  // The API description: docs/api/openapi.json with every module's openapi.json merged in.
  const nlohmann::json& openapi() const { return openapi_; }

 private:
  // The figures measured when /metrics is read: the database pool, the outbox, the kept pages, the process.
  std::vector<web::Gauge> Gauges() const;

  db::Database& database_;
  std::unique_ptr<kernel::Services> services_;
  web::Site site_;
  http::Router router_;
  std::unique_ptr<web::App> app_;
  nlohmann::json openapi_;
};

}  // namespace application
