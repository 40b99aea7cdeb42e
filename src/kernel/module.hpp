#pragma once
// The contract every domain module follows (docs/DEVELOPING.md, "Adding a module"). A module is a folder under
// src/modules/<name>/ and one line in the application's list (src/application/modules.cpp). Its one `Register`
// function fills a kernel::Module: its name, the services it provides, its routes with the access each needs, its
// command-line subcommands, reference-data seeding, navigation entries and audit actions with their titles. What
// lives in its folder by name needs no declaration: migrations/NNNN_name.sql, templates/<name>.mustache and
// openapi.json (its part of the API description). The application checks the declarations before it serves and
// refuses to start on a duplicate module name, route, audit action or API path, or a navigation entry that leads to
// no route.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "db/database.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "kernel/full_text_indexes.hpp"
#include "kernel/search_keys.hpp"
#include "kernel/services.hpp"
#include "web/app.hpp"
#include "web/site.hpp"

namespace CLI {
class App;
}

namespace kernel {

// A handler of a route for the signed-in: it cannot run without a user.
using SignedInHandler = std::function<http::Response(http::Request&, const core::SignedIn&)>;

// The signed-in user of this request, or nullptr for a visitor.
const core::SignedIn* SignedInOf(const http::Request& request);
// Who acts in this request: the signed-in user, or a visitor with no roles.
core::Actor ActorOf(const http::Request& request);

// What a module's routes step receives: its routes go into the application's router under its name.
// A route open to anyone takes a plain handler; a route for the signed-in, or for a role, takes a SignedInHandler.
class Routes {
 public:
  Routes(http::Router& router, web::App& app, std::string module)
      : router_(router), app_(app), module_(std::move(module)) {}

  // A public page that every visitor sees alike (no form of theirs, nothing of a session) passes
  // http::Kept::kForVisitors: its whole response is kept for visitors until the data changes (web::ResponseCache).
  void Get(std::string pattern, core::Access access, http::Handler handler, http::Kept kept = http::Kept::kNever);
  void Get(std::string pattern, core::Access access, SignedInHandler handler);
  // A route that takes files (an upload, an import) passes http::Body::kFiles: the server accepts a body of up to
  // --max-body-bytes for it, and of --max-form-bytes for any other, refusing a larger one before reading it.
  void Post(std::string pattern, core::Access access, http::Handler handler);
  void Post(std::string pattern, core::Access access, SignedInHandler handler);
  void Post(std::string pattern, core::Access access, http::Body body, http::Handler handler);
  void Post(std::string pattern, core::Access access, http::Body body, SignedInHandler handler);
  void Add(http::Method method, std::string pattern, core::Access access, http::Handler handler,
           http::Kept kept = http::Kept::kNever, http::Body body = http::Body::kForm);
  void Add(http::Method method, std::string pattern, core::Access access, SignedInHandler handler,
           http::Body body = http::Body::kForm);

  // Middleware for every request, after the routes are matched and before the handler (see web::App::Use).
  void Use(web::Middleware middleware) { app_.Use(std::move(middleware)); }
  const web::App& app() const { return app_; }

 private:
  http::Router& router_;
  web::App& app_;
  std::string module_;
};

// What a module's provide step receives: the database its stores use, the services of the modules before it, and
// the installation's settings.
struct ModuleContext {
  db::Database& database;
  Services& services;
  const web::AppOptions& options;
};

// What a module's seed step receives. `log` hears what was loaded.
struct SeedContext {
  Services& services;
  std::filesystem::path data_directory;  // data/ of the share directory: bg/, policy/ …
  std::function<void(const std::string&)> log;
};

// What a command-line subcommand receives when it runs: the services over a migrated database.
struct CommandContext {
  Services& services;
  std::ostream& out;
  std::ostream& err;
  std::filesystem::path data_directory;  // data/ of the share directory: schemas and reference files a command reads
};
using CommandRun = std::function<int(CommandContext&)>;

// What a subcommand needs before it runs.
enum class Prepare {
  kMigrate,         // the schema up to date
  kMigrateAndSeed,  // and the reference data loaded (a command naming places needs them)
};

struct Command {
  std::vector<std::string> path;  // {"import", "plan"}: `khetane import plan`
  std::string description;
  Prepare prepare = Prepare::kMigrate;
  // Adds the command's arguments and options to its CLI11 subcommand and returns what runs it once parsed.
  std::function<CommandRun(CLI::App&)> define;
};

using web::NavigationEntry;
using web::NavigationPlace;

struct AuditAction {
  std::string code;   // "item_withdrawn": what the audit log stores
  std::string title;  // "Item withdrawn from a plan": msgid, what /admin/audit shows
  std::string module;
};

// What the modules declared that the site shows as a whole: the audit log's actions and the navigation. The
// application provides it to the modules' routes.
struct Catalogue {
  std::vector<AuditAction> audit_actions;  // in module order
  std::vector<NavigationEntry> navigation;
};

// What one module declares. Filled by the module's Register function; read by the application and main.
class Module {
 public:
  // The module's name: its folder under src/modules/, the prefix of its templates, its tag in the API description.
  void Name(std::string name) { name_ = std::move(name); }

  // Builds the module's stores and services and adds them to the context's Services.
  void Provide(std::function<void(ModuleContext&)> provide) { provide_ = std::move(provide); }
  // Declares the module's routes; `services` holds every module's services.
  void DeclareRoutes(std::function<void(Routes&, Services&, const web::Site&)> routes) { routes_ = std::move(routes); }
  // Loads the module's reference data when it is missing; true when something was loaded.
  void Seed(std::function<bool(SeedContext&)> seed) { seed_ = std::move(seed); }
  void Navigation(std::string title, std::string path, NavigationPlace place = NavigationPlace::kMain) {
    navigation_.push_back({std::move(title), std::move(path), place, core::Access::Administrator(), {}});
  }
  void Audit(std::string code, std::string title) { audit_.push_back({std::move(code), std::move(title), {}}); }
  void AddCommand(Command command) { commands_.push_back(std::move(command)); }
  // Declares a table whose search_key column its stores make from `name_column` with core::SearchKey: the keys are
  // made again at start-up when the way keys are made changes (kernel/search_keys.hpp).
  void SearchKeys(std::string table, std::string id_column, std::string name_column) {
    search_keys_.push_back({std::move(table), std::move(id_column), std::move(name_column)});
  }

  // Declares a full-text index its stores keep with core::TheFullTextAnalyser(): `rebuild` makes all its terms again,
  // and runs at start-up when the analyser or the index's `version` changed since they were made
  // (kernel/full_text_indexes.hpp).
  void FullTextIndex(std::string index, int version, std::function<std::int64_t(db::Database&)> rebuild) {
    full_text_indexes_.push_back({std::move(index), version, std::move(rebuild)});
  }

  const std::string& name() const { return name_; }
  // src/modules/<name> under the share directory: migrations/, templates/ and openapi.json are found there.
  std::filesystem::path Folder(const std::filesystem::path& share_directory) const {
    return share_directory / "src" / "modules" / name_;
  }
  const std::function<void(ModuleContext&)>& provide() const { return provide_; }
  const std::function<void(Routes&, Services&, const web::Site&)>& routes() const { return routes_; }
  const std::function<bool(SeedContext&)>& seed() const { return seed_; }
  std::vector<NavigationEntry>& navigation() { return navigation_; }
  const std::vector<NavigationEntry>& navigation() const { return navigation_; }
  std::vector<AuditAction>& audit_actions() { return audit_; }
  const std::vector<AuditAction>& audit_actions() const { return audit_; }
  const std::vector<Command>& commands() const { return commands_; }
  const std::vector<SearchKeyColumn>& search_keys() const { return search_keys_; }
  const std::vector<kernel::FullTextIndex>& full_text_indexes() const { return full_text_indexes_; }

 private:
  std::string name_;
  std::function<void(ModuleContext&)> provide_;
  std::function<void(Routes&, Services&, const web::Site&)> routes_;
  std::function<bool(SeedContext&)> seed_;
  std::vector<NavigationEntry> navigation_;
  std::vector<AuditAction> audit_;
  std::vector<Command> commands_;
  std::vector<SearchKeyColumn> search_keys_;
  std::vector<kernel::FullTextIndex> full_text_indexes_;
};

using RegisterFunction = void (*)(Module&);

}  // namespace kernel
